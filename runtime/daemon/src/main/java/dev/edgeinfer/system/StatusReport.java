package dev.edgeinfer.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgeinfer.cli.Version;
import dev.edgeinfer.outbox.OutboxStats;
import dev.edgeinfer.pipeline.Pipeline;
import dev.edgeinfer.pipeline.PipelineStats;
import java.util.List;

/**
 * The status document: the retained heartbeat on {@code PREFIX/DEVICE/status} and the reply to
 * the {@code status} command. Per pipeline: model version, precision, engine, inference rate,
 * latency p50/p99; the outbox (depth, bytes, in flight, drops); for the device: uptime, CPU
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

  public ObjectNode build(List<Pipeline> pipelines, OutboxStats outbox) {
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
