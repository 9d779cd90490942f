package dev.edgeinfer.policy;

import dev.edgeinfer.config.PolicyConfig;
import dev.edgeinfer.config.PolicyConfig.UnknownPower;
import dev.edgeinfer.config.PrecisionConfig;
import dev.edgeinfer.config.PrecisionConfig.WorthConfig;
import dev.edgeinfer.pipeline.AccuracyMonitor;
import dev.edgeinfer.pipeline.Precision;
import dev.edgeinfer.policy.PowerReading.Supply;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules of one pipeline in {@code auto} mode: FP32 when it is <em>allowed</em> (power and
 * temperature, device-wide) and <em>worth it</em> (agreement, labels, speed, per pipeline); INT8
 * otherwise. A pure function of its inputs, so every rule is tested without threads or files.
 *
 * <p>Hysteresis is keyed on the current precision: leaving FP32 happens at a threshold, coming
 * back needs the signal to clear it by the hysteresis margin (battery ≥ 50 % to stay, ≥ 55 % to
 * return; below 70 °C to stay, at most 65 °C to return; agreement below 0.90 to go to FP32, at
 * least 0.92 to leave). A signal hovering at a threshold therefore cannot flap the precision;
 * the minimum dwell time (applied by {@link PrecisionController}) covers the rest.
 *
 * <p>A verdict that FP32 is not allowed is urgent: it bypasses the dwell time, because the
 * battery or the CPU must not wait. Immutable, thread-safe.
 */
public final class PrecisionRules {

  /** What the rules look at. {@code watchedLabel}: a label that matters, seen within its hold time. */
  public record Inputs(Precision current, DeviceSignals.Snapshot signals, AccuracyMonitor.Snapshot accuracy,
      Optional<String> watchedLabel, Optional<MeasuredCosts> costs) {}

  /** The precision the rules want, why, and whether it may skip the dwell time. */
  public record Verdict(Precision target, String reason, boolean urgent) {}

  private final PolicyConfig policy;
  private final PrecisionConfig precision;

  public PrecisionRules(PolicyConfig policy, PrecisionConfig precision) {
    this.policy = policy;
    this.precision = precision;
  }

  public Verdict decide(Inputs in) {
    boolean up = in.current() == Precision.INT8;
    String forbidden = powerForbids(in.signals().power(), up);
    if (forbidden == null) {
      forbidden = heatForbids(in.signals().thermal(), up);
    }
    if (forbidden != null) {
      return new Verdict(Precision.INT8, forbidden, true);
    }
    String worth = worth(in, up);
    if (worth != null) {
      return new Verdict(Precision.FP32, "fp32 allowed (" + describe(in.signals()) + ") and worth it: " + worth, false);
    }
    return new Verdict(Precision.INT8, "fp32 not worth it: " + notWorth(in), false);
  }

  private String powerForbids(PowerReading power, boolean up) {
    Supply supply = power.supply();
    String detail = power.detail();
    if (supply == Supply.UNKNOWN) {
      supply = policy.power().unknownAs() == UnknownPower.MAINS ? Supply.MAINS : Supply.BATTERY;
      detail = detail + ", taken as " + supply.jsonName();
    }
    if (supply == Supply.MAINS) {
      return null;
    }
    PolicyConfig.AllowConfig allow = policy.allow();
    if (!allow.onBattery()) {
      return "on battery (" + detail + ") and allow.onBattery is false";
    }
    if (power.batteryPercent().isEmpty()) {
      return "on battery with unknown charge (" + detail + ")";
    }
    int percent = power.batteryPercent().getAsInt();
    int margin = up ? policy.hysteresis().batteryPercent() : 0;
    if (percent < allow.minBatteryPercent() + margin) {
      return "on battery at " + percent + "% < " + (allow.minBatteryPercent() + margin) + "%"
          + (margin > 0 ? " (allow.minBatteryPercent " + allow.minBatteryPercent() + " + hysteresis " + margin + ")" : "")
          + " (" + detail + ")";
    }
    return null;
  }

  private String heatForbids(ThermalReading thermal, boolean up) {
    double max = policy.allow().maxCpuTemperatureC();
    if (thermal.celsius().isPresent()) {
      double c = thermal.celsius().getAsDouble();
      double margin = up ? policy.hysteresis().temperatureC() : 0;
      if (margin > 0 && c > max - margin) {
        return String.format(Locale.ROOT, "cpu %.1f °C > %s °C (allow.maxCpuTemperatureC %s - hysteresis %s)", c,
            num(max - margin), num(max), num(margin));
      }
      if (c >= max) {
        return String.format(Locale.ROOT, "cpu %.1f °C ≥ %s °C limit", c, num(max));
      }
    }
    if (thermal.throttled() && !policy.allow().whenThrottled()) {
      return "cpu throttled (" + thermal.detail() + ")";
    }
    return null;
  }

  /** The first rule that makes FP32 worth it, or null. */
  private String worth(Inputs in, boolean up) {
    WorthConfig w = precision.worth();
    if (w.always()) {
      return "worth.always";
    }
    if (in.watchedLabel().isPresent()) {
      return "label " + in.watchedLabel().get() + " seen within " + num(w.labelHoldSeconds()) + " s";
    }
    AccuracyMonitor.Snapshot a = in.accuracy();
    if (a.runs() >= precision.minShadowRuns()) {
      if (a.metric() == AccuracyMonitor.Metric.TOP1 && w.agreementBelow() > 0) {
        double threshold = w.agreementBelow() + (up ? 0 : policy.hysteresis().agreement());
        if (a.value() < threshold) {
          return String.format(Locale.ROOT, "agreement %.3f < %s over the last %d shadow runs", a.value(),
              num(threshold), a.runs());
        }
      }
      if (a.metric() == AccuracyMonitor.Metric.MEAN_ABS_DIFF && w.differenceAbove().isPresent()) {
        double threshold = w.differenceAbove().getAsDouble() - (up ? 0 : policy.hysteresis().difference());
        if (a.value() > threshold) {
          return String.format(Locale.ROOT, "mean difference %.6f > %s over the last %d shadow runs", a.value(),
              num(threshold), a.runs());
        }
      }
    }
    if (w.whenFaster() && in.costs().isPresent()) {
      MeasuredCosts c = in.costs().get();
      if (c.fp32FasterBy(up ? w.fasterMargin() : 0)) {
        return String.format(Locale.ROOT, "fp32 faster here (p50 %.4f ms against int8 %.4f ms)",
            c.fp32().latencyP50Ms(), c.int8().latencyP50Ms());
      }
    }
    return null;
  }

  private String notWorth(Inputs in) {
    AccuracyMonitor.Snapshot a = in.accuracy();
    String accuracy = a.runs() == 0 ? "no shadow runs yet"
        : String.format(Locale.ROOT, "%s %.3f over the last %d shadow runs",
            a.metric() == AccuracyMonitor.Metric.TOP1 ? "agreement" : "mean difference", a.value(), a.runs());
    String speed = in.costs()
        .map(c -> String.format(Locale.ROOT, "p50 fp32 %.4f ms, int8 %.4f ms", c.fp32().latencyP50Ms(),
            c.int8().latencyP50Ms()))
        .orElse("costs not measured yet");
    return accuracy + ", no watched label, " + speed;
  }

  private static String describe(DeviceSignals.Snapshot s) {
    return s.power().supply().jsonName() + ": " + s.power().detail() + "; " + s.thermal().detail();
  }

  /** 70 rather than 70.0; 0.92 rather than 0.9200000000000002. */
  static String num(double d) {
    return new java.math.BigDecimal(Double.toString(Math.round(d * 1e6) / 1e6)).stripTrailingZeros().toPlainString();
  }
}
