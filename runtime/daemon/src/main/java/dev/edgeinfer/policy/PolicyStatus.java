package dev.edgeinfer.policy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgeinfer.pipeline.AccuracyMonitor;
import dev.edgeinfer.pipeline.SwitchTimes;

/**
 * The precision policy's part of the status document: per pipeline under {@code
 * pipelines.NAME.policy} (mode, override, agreement, escalations, measured costs, switches), and
 * the device's {@code power} and {@code thermal} readings at the top level. Stateless.
 */
final class PolicyStatus {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private PolicyStatus() {}

  static ObjectNode pipeline(PrecisionController c) {
    PrecisionController.Snapshot s = c.snapshot();
    ObjectNode o = JSON.objectNode();
    o.put("precision", s.precision().configName());
    o.put("mode", s.mode().configName());
    if (s.override().isPresent()) {
      PrecisionOverride ov = s.override().get();
      ObjectNode n = o.putObject("override").put("precision", ov.precision().configName());
      ov.untilMillis().ifPresentOrElse(u -> n.put("until", u), () -> n.putNull("until"));
    } else {
      o.putNull("override");
    }
    o.put("fp32Loaded", s.fp32Loaded());
    AccuracyMonitor.Snapshot a = c.accuracy().snapshot();
    ObjectNode agreement = o.putObject("agreement").put("metric", a.metric().jsonName());
    if (a.runs() == 0) {
      agreement.putNull("value");
    } else {
      agreement.put("value", round(a.value(), 6));
    }
    agreement.put("runs", a.runs()).put("shadowRunsTotal", a.totalShadowRuns());
    o.put("escalations", a.escalations());
    if (s.costs().isPresent()) {
      MeasuredCosts m = s.costs().get();
      ObjectNode costs = o.putObject("costs").put("measuredAt", m.measuredAtMillis());
      costs.set("int8", cost(m.int8()));
      costs.set("fp32", cost(m.fp32()));
    } else {
      o.putNull("costs");
    }
    o.put("switches", s.switches());
    s.lastSwitch().ifPresentOrElse(e -> o.set("lastSwitch", e.toJson()), () -> o.putNull("lastSwitch"));
    SwitchTimes t = c.variants().switchTimes();
    o.putObject("switchLatencyMs").put("last", round(t.lastNanos() / 1e6, 6)).put("max", round(t.maxNanos() / 1e6, 6));
    s.pending().ifPresentOrElse(p -> o.put("pending", p), () -> o.putNull("pending"));
    s.lastReason().ifPresentOrElse(r -> o.put("reason", r), () -> o.putNull("reason"));
    s.error().ifPresentOrElse(e -> o.put("error", e), () -> o.putNull("error"));
    return o;
  }

  static ObjectNode cost(VariantCost v) {
    ObjectNode o = JSON.objectNode()
        .put("engine", v.engine())
        .put("fileBytes", v.fileBytes())
        .put("loadMs", round(v.loadMillis(), 3))
        .put("latencyP50Ms", round(v.latencyP50Ms(), 6))
        .put("latencyP99Ms", round(v.latencyP99Ms(), 6))
        .put("runs", v.runs());
    v.residentBytesAdded().ifPresentOrElse(r -> o.put("residentBytesAdded", r), () -> o.putNull("residentBytesAdded"));
    return o;
  }

  static void device(ObjectNode root, DeviceSignals.Snapshot s) {
    ObjectNode power = root.putObject("power").put("supply", s.power().supply().jsonName());
    s.power().batteryPercent().ifPresentOrElse(p -> power.put("batteryPercent", p), () -> power.putNull("batteryPercent"));
    power.put("detail", s.power().detail());
    ObjectNode thermal = root.putObject("thermal");
    s.thermal().celsius().ifPresentOrElse(c -> thermal.put("celsius", round(c, 3)), () -> thermal.putNull("celsius"));
    thermal.put("throttled", s.thermal().throttled()).put("detail", s.thermal().detail());
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
