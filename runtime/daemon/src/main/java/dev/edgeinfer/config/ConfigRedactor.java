package dev.edgeinfer.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The running config as JSON for the {@code config/get} command, in the YAML's own key names, so
 * that the reply can be saved and loaded again as a config file.
 *
 * <p>Why nothing needs masking here: secrets never reach {@link EdgeConfig}. The MQTT password is
 * only inside {@code credentialsFile}, which the config names but the loader does not read, and
 * the loader refuses a broker URL with {@code user:password@}. File paths, including the TLS key's,
 * are shown; file contents never are. A new secret-bearing field must be masked here.
 */
public final class ConfigRedactor {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private ConfigRedactor() {}

  public static ObjectNode toJson(EdgeConfig config) {
    ObjectNode root = JSON.objectNode();
    root.set("device", device(config.device()));
    root.set("mqtt", mqtt(config.mqtt()));
    root.put("hardware", config.hardware().configName());
    ObjectNode models = root.putObject("models");
    config.models().forEach((name, m) -> models.set(name, model(m)));
    ObjectNode sensors = root.putObject("sensors");
    config.sensors().forEach((name, s) -> sensors.set(name, sensor(s)));
    ObjectNode pipelines = root.putObject("pipelines");
    config.pipelines().forEach((name, p) -> pipelines.set(name, pipeline(p)));
    root.set("policy", policy(config.policy()));
    OutboxConfig o = config.outbox();
    root.putObject("outbox")
        .put("maxMessages", o.maxMessages())
        .put("maxBytes", o.maxBytes())
        .put("overflow", o.overflow().configName())
        .put("commitIntervalMillis", o.commitIntervalMillis())
        .put("syncIntervalMillis", o.syncIntervalMillis())
        .put("drainOrder", o.drainOrder().configName())
        .put("qos0Bypass", o.qos0Bypass());
    root.putObject("homeassistant")
        .put("enabled", config.homeAssistant().enabled())
        .put("discoveryPrefix", config.homeAssistant().discoveryPrefix());
    root.set("updates", updates(config.updates()));
    return root;
  }

  private static ObjectNode updates(UpdatesConfig u) {
    ObjectNode o = JSON.objectNode();
    u.trustedKeys().forEach(k -> o.withArray("trustedKeys").add(k.toString()));
    o.put("keepVersions", u.keepVersions())
        .put("maxBundleBytes", u.maxBundleBytes())
        .put("maxUncompressedBytes", u.maxUncompressedBytes());
    o.putObject("trial").put("inferences", u.trial().inferences()).put("seconds", u.trial().seconds());
    return o.put("downloadTimeoutSeconds", u.downloadTimeoutSeconds());
  }

  private static ObjectNode device(DeviceConfig d) {
    ObjectNode o = JSON.objectNode().put("id", d.id());
    d.groups().forEach(o.putArray("groups")::add);
    return o.put("stateDir", d.stateDir().toString());
  }

  private static ObjectNode mqtt(MqttConfig m) {
    ObjectNode o = JSON.objectNode();
    if (m.brokers().size() > 1) {
      m.brokers().forEach(o.putArray("brokers")::add);
    } else {
      o.put("broker", m.broker());
    }
    o.put("protocol", m.protocol().configName())
        .put("embeddedPort", m.embeddedPort())
        .put("clientId", m.clientId())
        .put("topicPrefix", m.topicPrefix())
        .put("qos", m.qos());
    putPath(o, "credentialsFile", m.credentialsFile());
    m.tls().ifPresent(tls -> {
      ObjectNode t = o.putObject("tls").put("caFile", tls.caFile().toString());
      putPath(t, "certFile", tls.certFile());
      putPath(t, "keyFile", tls.keyFile());
      t.put("verifyHostname", tls.verifyHostname());
    });
    return o.put("statusIntervalSeconds", m.statusIntervalSeconds()).put("keepAliveSeconds", m.keepAliveSeconds());
  }

  private static ObjectNode model(ModelConfig m) {
    ObjectNode o = JSON.objectNode().put("version", m.version()).put("int8", m.int8().toString());
    putPath(o, "fp32", m.fp32());
    putPath(o, "labels", m.labels());
    return o.put("engine", m.engine().configName()).put("threads", m.threads());
  }

  private static ObjectNode sensor(SensorConfig s) {
    if (s.isHardware()) {
      return HardwareSensorJson.of(s);
    }
    if (s instanceof SensorConfig.Synthetic syn) {
      ObjectNode o = JSON.objectNode().put("type", "synthetic").put("rateHz", syn.rateHz()).put("seed", syn.seed());
      syn.states().forEach(o.putArray("states")::add);
      return o.put("stateSeconds", syn.stateSeconds()).put("realtime", syn.realtime());
    }
    SensorConfig.Replay r = (SensorConfig.Replay) s;
    return JSON.objectNode()
        .put("type", "replay").put("file", r.file().toString()).put("realtime", r.realtime()).put("loop", r.loop());
  }

  private static ObjectNode pipeline(PipelineConfig p) {
    ObjectNode o = JSON.objectNode().put("source", p.source()).put("model", p.model());
    o.putObject("window").put("size", p.window().size()).put("hop", p.window().hop());
    o.putObject("preprocessing")
        .put("normalize", p.preprocessing().normalize().configName())
        .put("features", p.preprocessing().features().configName())
        .put("bands", p.preprocessing().bands())
        .put("logScale", p.preprocessing().logScale());
    o.put("output", p.output().configName());
    if (!p.actions().isEmpty()) {
      p.actions().forEach(a -> o.withArray("actions").add(HardwareSensorJson.action(a)));
    }
    o.set("precision", precision(p.precision()));
    return o;
  }

  private static ObjectNode precision(PrecisionConfig p) {
    ObjectNode o = JSON.objectNode()
        .put("mode", p.mode().configName())
        .put("fp32Loading", p.fp32Loading().configName())
        .put("shadowEvery", p.shadowEvery())
        .put("agreementWindow", p.agreementWindow())
        .put("minShadowRuns", p.minShadowRuns())
        .put("escalateBelow", p.escalateBelow())
        .put("benchmarkAtStart", p.benchmarkAtStart())
        .put("benchmarkRuns", p.benchmarkRuns());
    PrecisionConfig.WorthConfig w = p.worth();
    ObjectNode worth = o.putObject("worth").put("always", w.always()).put("agreementBelow", w.agreementBelow());
    w.differenceAbove().ifPresent(d -> worth.put("differenceAbove", d));
    w.labels().forEach(worth.putArray("labels")::add);
    worth.put("labelHoldSeconds", w.labelHoldSeconds()).put("whenFaster", w.whenFaster())
        .put("fasterMargin", w.fasterMargin());
    return o;
  }

  private static ObjectNode policy(PolicyConfig p) {
    ObjectNode o = JSON.objectNode().put("intervalMillis", p.intervalMillis()).put("minDwellSeconds", p.minDwellSeconds());
    ObjectNode power = o.putObject("power")
        .put("source", p.power().source().configName())
        .put("sysfsRoot", p.power().sysfsRoot().toString());
    putPath(power, "file", p.power().file());
    power.put("unknownAs", p.power().unknownAs().configName());
    o.putObject("thermal")
        .put("source", p.thermal().source().configName())
        .put("sysfsRoot", p.thermal().sysfsRoot().toString());
    o.putObject("allow")
        .put("onBattery", p.allow().onBattery())
        .put("minBatteryPercent", p.allow().minBatteryPercent())
        .put("maxCpuTemperatureC", p.allow().maxCpuTemperatureC())
        .put("whenThrottled", p.allow().whenThrottled());
    o.putObject("hysteresis")
        .put("batteryPercent", p.hysteresis().batteryPercent())
        .put("temperatureC", p.hysteresis().temperatureC())
        .put("agreement", p.hysteresis().agreement())
        .put("difference", p.hysteresis().difference());
    return o;
  }

  private static void putPath(ObjectNode o, String key, Optional<Path> path) {
    path.ifPresent(p -> o.put(key, p.toString()));
  }
}
