package dev.edgeinfer.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgeinfer.config.PolicyConfig;
import dev.edgeinfer.config.PrecisionConfig;
import dev.edgeinfer.config.PrecisionConfig.WorthConfig;
import dev.edgeinfer.pipeline.AccuracyMonitor;
import dev.edgeinfer.pipeline.AccuracyMonitor.Metric;
import dev.edgeinfer.pipeline.Precision;
import dev.edgeinfer.policy.PowerReading.Supply;
import dev.edgeinfer.policy.PrecisionRules.Verdict;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The rules as a function: allowed (power, heat), worth it (always, labels, agreement, speed), hysteresis. */
class PrecisionRulesTest {
  private static final PolicyConfig POLICY = PolicyConfig.DEFAULTS; // battery >= 50 (+5), < 70 °C (-5), agreement +0.02
  private static final PrecisionConfig ALWAYS = precision(new WorthConfig(true, 0.9, OptionalDouble.empty(), List.of(),
      30, false, 0.1));
  private static final AccuracyMonitor.Snapshot NO_SHADOWS = new AccuracyMonitor.Snapshot(Metric.TOP1, 0, Double.NaN, 0, 0);
  private static final ThermalReading COOL = new ThermalReading(OptionalDouble.of(45), false, "cpu-thermal 45.0 °C");
  private static final PowerReading MAINS = new PowerReading(Supply.MAINS, OptionalInt.empty(), "AC online");

  private static PrecisionConfig precision(WorthConfig worth) {
    PrecisionConfig d = PrecisionConfig.DEFAULTS;
    return new PrecisionConfig(d.mode(), d.fp32Loading(), d.shadowEvery(), d.agreementWindow(), d.minShadowRuns(),
        d.escalateBelow(), d.benchmarkAtStart(), d.benchmarkRuns(), worth);
  }

  private static Verdict decide(PrecisionConfig p, Precision current, PowerReading power, ThermalReading thermal,
      AccuracyMonitor.Snapshot accuracy) {
    return new PrecisionRules(POLICY, p).decide(new PrecisionRules.Inputs(current,
        new DeviceSignals.Snapshot(power, thermal), accuracy, Optional.empty(), Optional.empty()));
  }

  private static PowerReading battery(int percent) {
    return new PowerReading(Supply.BATTERY, OptionalInt.of(percent), "BAT0 Discharging at " + percent + "%");
  }

  private static ThermalReading hot(double c) {
    return new ThermalReading(OptionalDouble.of(c), false, "cpu-thermal " + c + " °C");
  }

  @Test
  void mainsAndCool_worthAlways_isFp32NotUrgent() {
    assertEquals(new Verdict(Precision.FP32, "fp32 allowed (mains: AC online; cpu-thermal 45.0 °C) and worth it: "
        + "worth.always", false), decide(ALWAYS, Precision.INT8, MAINS, COOL, NO_SHADOWS));
  }

  @Test
  void battery_belowMinimum_forcesInt8Urgently() {
    assertEquals(new Verdict(Precision.INT8, "on battery at 49% < 50% (BAT0 Discharging at 49%)", true),
        decide(ALWAYS, Precision.FP32, battery(49), COOL, NO_SHADOWS));
  }

  @Test
  void battery_hysteresis_staysAt50_returnsOnlyAt55() {
    assertEquals(Precision.FP32, decide(ALWAYS, Precision.FP32, battery(50), COOL, NO_SHADOWS).target());
    assertEquals(new Verdict(Precision.INT8, "on battery at 54% < 55% (allow.minBatteryPercent 50 + hysteresis 5) "
        + "(BAT0 Discharging at 54%)", true), decide(ALWAYS, Precision.INT8, battery(54), COOL, NO_SHADOWS));
    assertEquals(Precision.FP32, decide(ALWAYS, Precision.INT8, battery(55), COOL, NO_SHADOWS).target());
  }

  @Test
  void battery_unknownCharge_forbidsFp32() {
    PowerReading pin = new PowerReading(Supply.BATTERY, OptionalInt.empty(), "GPIO6 low (no external power)");
    assertEquals(new Verdict(Precision.INT8, "on battery with unknown charge (GPIO6 low (no external power))", true),
        decide(ALWAYS, Precision.FP32, pin, COOL, NO_SHADOWS));
  }

  @Test
  void unknownPower_isTakenAsMainsByDefault_andAsBatteryWhenConfigured() {
    PowerReading unknown = PowerReading.unknown("no power supplies listed");
    assertEquals(Precision.FP32, decide(ALWAYS, Precision.INT8, unknown, COOL, NO_SHADOWS).target());
    PolicyConfig asBattery = new PolicyConfig(1000, 30, new PolicyConfig.PowerConfig(PolicyConfig.PowerSourceKind.SYSFS,
        java.nio.file.Path.of("/sys"), Optional.empty(), PolicyConfig.UnknownPower.BATTERY), POLICY.thermal(),
        POLICY.allow(), POLICY.hysteresis());
    assertEquals(new Verdict(Precision.INT8, "on battery with unknown charge (no power supplies listed, taken as battery)",
        true), new PrecisionRules(asBattery, ALWAYS).decide(new PrecisionRules.Inputs(Precision.INT8,
            new DeviceSignals.Snapshot(unknown, COOL), NO_SHADOWS, Optional.empty(), Optional.empty())));
  }

  @Test
  void temperature_atLimit_forcesInt8EvenOnMains() {
    assertEquals(new Verdict(Precision.INT8, "cpu 70.0 °C ≥ 70 °C limit", true),
        decide(ALWAYS, Precision.FP32, MAINS, hot(70), NO_SHADOWS));
  }

  @Test
  void temperature_hysteresis_staysBelow70_returnsOnlyAt65OrBelow() {
    assertEquals(Precision.FP32, decide(ALWAYS, Precision.FP32, MAINS, hot(69.9), NO_SHADOWS).target());
    assertEquals(new Verdict(Precision.INT8, "cpu 65.5 °C > 65 °C (allow.maxCpuTemperatureC 70 - hysteresis 5)", true),
        decide(ALWAYS, Precision.INT8, MAINS, hot(65.5), NO_SHADOWS));
    assertEquals(Precision.FP32, decide(ALWAYS, Precision.INT8, MAINS, hot(65), NO_SHADOWS).target());
  }

  @Test
  void throttled_forbidsFp32UnlessAllowed() {
    ThermalReading throttled = new ThermalReading(OptionalDouble.of(60), true, "cpu-thermal 60.0 °C; throttled");
    assertEquals(new Verdict(Precision.INT8, "cpu throttled (cpu-thermal 60.0 °C; throttled)", true),
        decide(ALWAYS, Precision.FP32, MAINS, throttled, NO_SHADOWS));
  }

  @Test
  void agreement_belowThreshold_isWorthIt_withHysteresisToLeave() {
    PrecisionConfig p = precision(WorthConfig.DEFAULTS); // agreementBelow 0.9, minShadowRuns 20
    AccuracyMonitor.Snapshot low = new AccuracyMonitor.Snapshot(Metric.TOP1, 100, 0.62, 100, 0);
    assertEquals(new Verdict(Precision.FP32, "fp32 allowed (mains: AC online; cpu-thermal 45.0 °C) and worth it: "
        + "agreement 0.620 < 0.9 over the last 100 shadow runs", false), decide(p, Precision.INT8, MAINS, COOL, low));
    AccuracyMonitor.Snapshot recovering = new AccuracyMonitor.Snapshot(Metric.TOP1, 100, 0.91, 160, 0);
    assertEquals(Precision.INT8, decide(p, Precision.INT8, MAINS, COOL, recovering).target(), "0.91 is not below 0.9");
    assertEquals(Precision.FP32, decide(p, Precision.FP32, MAINS, COOL, recovering).target(), "stays until 0.92");
    AccuracyMonitor.Snapshot recovered = new AccuracyMonitor.Snapshot(Metric.TOP1, 100, 0.92, 200, 0);
    assertEquals(new Verdict(Precision.INT8, "fp32 not worth it: agreement 0.920 over the last 100 shadow runs, "
        + "no watched label, costs not measured yet", false), decide(p, Precision.FP32, MAINS, COOL, recovered));
  }

  @Test
  void agreement_withTooFewShadowRuns_decidesNothing() {
    AccuracyMonitor.Snapshot few = new AccuracyMonitor.Snapshot(Metric.TOP1, 19, 0.0, 19, 0);
    assertEquals(Precision.INT8, decide(precision(WorthConfig.DEFAULTS), Precision.INT8, MAINS, COOL, few).target());
  }

  @Test
  void difference_forRegressors_aboveThresholdIsWorthIt() {
    PrecisionConfig p = precision(new WorthConfig(false, 0, OptionalDouble.of(0.05), List.of(), 30, false, 0.1));
    AccuracyMonitor.Snapshot far = new AccuracyMonitor.Snapshot(Metric.MEAN_ABS_DIFF, 50, 0.08, 50, 0);
    assertEquals("fp32 allowed (mains: AC online; cpu-thermal 45.0 °C) and worth it: mean difference 0.080000 > 0.05 "
        + "over the last 50 shadow runs", decide(p, Precision.INT8, MAINS, COOL, far).reason());
    AccuracyMonitor.Snapshot near = new AccuracyMonitor.Snapshot(Metric.MEAN_ABS_DIFF, 50, 0.04, 50, 0);
    assertEquals(Precision.INT8, decide(p, Precision.INT8, MAINS, COOL, near).target());
  }

  @Test
  void watchedLabel_seen_isWorthIt() {
    PrecisionConfig p = precision(new WorthConfig(false, 0, OptionalDouble.empty(), List.of("bearing_wear"), 30, false,
        0.1));
    Verdict v = new PrecisionRules(POLICY, p).decide(new PrecisionRules.Inputs(Precision.INT8,
        new DeviceSignals.Snapshot(MAINS, COOL), NO_SHADOWS, Optional.of("bearing_wear"), Optional.empty()));
    assertEquals("fp32 allowed (mains: AC online; cpu-thermal 45.0 °C) and worth it: label bearing_wear seen within 30 s",
        v.reason());
  }

  @Test
  void faster_needsTheMarginToGo_andOnlyToStayFaster() {
    PrecisionConfig p = precision(new WorthConfig(false, 0, OptionalDouble.empty(), List.of(), 30, true, 0.1));
    MeasuredCosts slightly = costs(0.0100, 0.0095); // 5 % faster: not enough to go, enough to stay
    MeasuredCosts clearly = costs(0.0100, 0.0080);
    PrecisionRules rules = new PrecisionRules(POLICY, p);
    DeviceSignals.Snapshot s = new DeviceSignals.Snapshot(MAINS, COOL);
    assertEquals(Precision.INT8, rules.decide(new PrecisionRules.Inputs(Precision.INT8, s, NO_SHADOWS, Optional.empty(),
        Optional.of(slightly))).target());
    assertEquals(Precision.FP32, rules.decide(new PrecisionRules.Inputs(Precision.FP32, s, NO_SHADOWS, Optional.empty(),
        Optional.of(slightly))).target());
    assertEquals("fp32 allowed (mains: AC online; cpu-thermal 45.0 °C) and worth it: fp32 faster here "
        + "(p50 0.0080 ms against int8 0.0100 ms)", rules.decide(new PrecisionRules.Inputs(Precision.INT8, s, NO_SHADOWS,
            Optional.empty(), Optional.of(clearly))).reason());
  }

  private static MeasuredCosts costs(double int8P50, double fp32P50) {
    return new MeasuredCosts(
        new VariantCost(Precision.INT8, "tflite", 1, 1, OptionalLong.empty(), int8P50, int8P50 * 2, 100),
        new VariantCost(Precision.FP32, "tflite", 1, 1, OptionalLong.empty(), fp32P50, fp32P50 * 2, 100), 0);
  }
}
