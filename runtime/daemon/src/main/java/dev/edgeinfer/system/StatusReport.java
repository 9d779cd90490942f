package dev.edgeinfer.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgeinfer.outbox.OutboxStats;
import dev.edgeinfer.pipeline.Pipeline;
import dev.edgeinfer.pipeline.PipelineStats;
import dev.edgeinfer.pipeline.SensorHealth;
import dev.edgeinfer.pipeline.SensorMonitor;
import dev.edgeinfer.sensor.Sample;
import dev.edgeinfer.sensor.SensorSource;
import java.util.List;

/**
 * The status document: the retained heartbeat on {@code PREFIX/DEVICE/status} and the reply to
 * the {@code status} command. Per pipeline: model version, precision, engine, inference rate,
 * latency p50/p99, and its sensor's health and rate keeping; the outbox (depth, bytes, in flight,
 * drops); for the device: uptime, CPU
 * temperature, memory.
 */
public final class StatusReport {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final String deviceId;
  private final long startedMillis = System.currentTimeMillis();
  private final SystemProbe probe;

  public StatusReport(String deviceId, SystemProbe probe) {
    this.deviceId = deviceId;
    this.probe = probe;
  }

  /**
   * The pipeline's source: its health (ok or failing, outages so far, the last error) and, for a
   * source polled on a schedule, how well it keeps its rate (samples, missed slots, jitter in us).
   */
  static ObjectNode sensor(Pipeline p) {
    return sensor(p.source(), p.sensorHealth());
  }

  static ObjectNode monitored(SensorMonitor m) {
    ObjectNode node = sensor(m.source(), m.health());
    Sample latest = m.latest();
    if (latest != null) {
      ObjectNode values = node.putObject("values");
      for (int i = 0; i < latest.values().length; i++) {
        values.put(m.source().channels().get(i), latest.values()[i]);
      }
      node.put("ts", latest.epochMillis());
    }
    return node;
  }

  private static ObjectNode sensor(SensorSource source, SensorHealth.Snapshot health) {
    ObjectNode sensor = MAPPER.createObjectNode();
    sensor.put("name", source.name());
    sensor.put("state", health.failing() ? "failing" : "ok");
    sensor.put("outages", health.outages());
    if (health.lastError() != null) {
      sensor.put("lastError", health.lastError());
    }
    source.sampling().ifPresent(s -> {
      sensor.put("rateHz", s.rateHz());
      sensor.put("samples", s.samples());
      sensor.put("missed", s.missed());
      sensor.put("jitterP50Us", Math.round(s.jitterP50Us() * 10) / 10.0);
      sensor.put("jitterP99Us", Math.round(s.jitterP99Us() * 10) / 10.0);
      sensor.put("jitterMaxUs", Math.round(s.jitterMaxUs() * 10) / 10.0);
    });
    return sensor;
  }

  /**
   * The document; the sensors no pipeline reads go under {@code sensors} (health, rate keeping and
   * the latest values), the outbox's figures under {@code outbox}.
   */
  public ObjectNode build(List<Pipeline> pipelines, List<SensorMonitor> monitors, OutboxStats outbox) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("device", deviceId);
    root.put("version", Version.current());
    long now = System.currentTimeMillis();
    root.put("ts", now);
    root.put("uptimeSeconds", (now - startedMillis) / 1000);
    ObjectNode byName = root.putObject("pipelines");
    for (Pipeline p : pipelines) {
      PipelineStats stats = p.stats();
      LatencyStats latency = stats.latency();
      ObjectNode node = byName.putObject(p.name());
      node.put("model", p.model().name());
      node.put("modelVersion", p.model().version());
      node.put("precision", p.precision());
      node.put("engine", p.engineKind());
      node.put("inferences", stats.inferences());
      node.put("errors", stats.errors());
      node.put("lastSeq", stats.lastSeq());
      node.put("inferenceRate", Math.round(stats.rate() * 100) / 100.0);
      node.put("latencyP50Ms", Math.round(latency.medianMs() * 1000) / 1000.0);
      node.put("latencyP99Ms", Math.round(latency.p99Ms() * 1000) / 1000.0);
      node.set("sensor", sensor(p));
    }
    if (!monitors.isEmpty()) {
      ObjectNode sensors = root.putObject("sensors");
      monitors.forEach(m -> sensors.set(m.source().name(), monitored(m)));
    }
    ObjectNode o = root.putObject("outbox");
    o.put("depth", outbox.depth());
    o.put("bytes", outbox.bytes());
    o.put("inFlight", outbox.inFlight());
    o.put("dropped", outbox.dropped());
    o.put("rejected", outbox.rejected());
    o.put("qos0Unsent", outbox.qos0Unsent());
    o.put("backlogDone", outbox.backlogDone());
    probe.cpuTemperatureC().ifPresentOrElse(t -> root.put("cpuTemperatureC", t), () -> root.putNull("cpuTemperatureC"));
    ObjectNode memory = root.putObject("memory");
    Runtime rt = Runtime.getRuntime();
    memory.put("heapUsedBytes", rt.totalMemory() - rt.freeMemory());
    memory.put("heapMaxBytes", rt.maxMemory());
    probe.residentBytes().ifPresent(rss -> memory.put("residentBytes", rss));
    return root;
  }
}
