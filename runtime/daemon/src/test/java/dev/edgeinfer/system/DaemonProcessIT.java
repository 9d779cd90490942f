package dev.edgeinfer.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgeinfer.testing.Conformance;
import dev.edgeinfer.testing.DaemonProcess;
import dev.edgeinfer.testing.MosquittoBroker;
import dev.edgeinfer.testing.OutboxFile;
import dev.edgeinfer.testing.TestSubscriber;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as a real process against a real Mosquitto: results and their contract fields, seq
 * without gaps and across a restart, availability online → stopped on SIGTERM (exit 0 within
 * 5 s) and offline (the Last Will) on SIGKILL.
 */
class DaemonProcessIT {
  private static final String DEVICE = "it-01";
  private static final Set<String> LABELS = Set.of("idle", "normal", "imbalance", "bearing_wear");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final ObjectMapper json = new ObjectMapper();

  @TempDir
  Path tmp;

  private DaemonProcess startDaemon(MosquittoBroker broker, String logName) throws Exception {
    Path config = Conformance.repo().resolve("device-config/demo.yaml");
    return DaemonProcess.start(tmp.resolve(logName), "run", "--config", config.toString(),
        "--set", "mqtt.broker=" + broker.url(), "--set", "device.id=" + DEVICE,
        "--set", "device.stateDir=" + tmp.resolve("state"), "--set", "mqtt.statusIntervalSeconds=1",
        // Four times the demo's rate: 25 windows a second, so 50 results take two seconds.
        "--set", "sensors.motor.rateHz=1600");
  }

  @Test
  void daemon_publishesContractResults_keepsSeqAcrossRestart_andReportsAvailability() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start();
        TestSubscriber sub = TestSubscriber.connect(broker.url(), "edgeinfer/" + DEVICE + "/availability",
            "edgeinfer/" + DEVICE + "/inference/#");
        TestSubscriber statusSub = TestSubscriber.connect(broker.url(), "edgeinfer/" + DEVICE + "/status")) {
      String availability = "edgeinfer/" + DEVICE + "/availability";
      String inference = "edgeinfer/" + DEVICE + "/inference/vibration";

      long lastSeq;
      try (DaemonProcess daemon = startDaemon(broker, "run1.log")) {
        sub.awaitText(availability, "online", WAIT);
        List<JsonNode> results = collect(sub, inference, 50);
        for (int i = 0; i < results.size(); i++) {
          assertResultContract(results.get(i));
          assertEquals(i + 1, results.get(i).get("seq").asLong(), "seq counts from 1 without a gap");
        }
        JsonNode status = json.readTree(statusSub.awaitTopic("edgeinfer/" + DEVICE + "/status", WAIT).payload());
        assertEquals("int8", status.at("/pipelines/vibration/precision").asText());
        assertEquals("tflite", status.at("/pipelines/vibration/engine").asText());

        long stopRequested = System.nanoTime();
        daemon.terminate();
        assertEquals(0, daemon.waitFor(5), "exit status after SIGTERM; log:\n" + daemon.log());
        assertTrue(System.nanoTime() - stopRequested < 5_000_000_000L, "stopped within 5 s");
        lastSeq = drainUntilStopped(sub, inference, availability, results.get(results.size() - 1).get("seq").asLong());
      }
      assertEquals(lastSeq, OutboxFile.seq(tmp.resolve("state"), "vibration"), "the persisted seq is the last published one");
      assertEquals(0, OutboxFile.depth(tmp.resolve("state")), "a clean stop with the broker up leaves the outbox empty");

      try (DaemonProcess daemon = startDaemon(broker, "run2.log")) {
        sub.awaitText(availability, "online", WAIT);
        JsonNode first = json.readTree(sub.awaitTopic(inference, WAIT).payload());
        assertEquals(lastSeq + 1, first.get("seq").asLong(), "seq continues after a restart");
        daemon.kill();
        daemon.waitFor(5);
        sub.awaitText(availability, "offline", WAIT);
      }
    }
  }

  private List<JsonNode> collect(TestSubscriber sub, String topic, int count) throws Exception {
    List<JsonNode> results = new ArrayList<>();
    while (results.size() < count) {
      results.add(json.readTree(sub.awaitTopic(topic, WAIT).payload()));
    }
    return results;
  }

  /** Reads the results published between the last one seen and "stopped"; returns the last seq, checking no gap. */
  private long drainUntilStopped(TestSubscriber sub, String inference, String availability, long lastSeen)
      throws Exception {
    long last = lastSeen;
    while (true) {
      TestSubscriber.Received r = sub.awaitMatching(m -> m.topic().equals(inference)
          || (m.topic().equals(availability) && m.text().equals("stopped")), WAIT, "result or stopped");
      if (r.topic().equals(availability)) {
        return last;
      }
      long seq = json.readTree(r.payload()).get("seq").asLong();
      assertEquals(last + 1, seq, "no gap while stopping");
      last = seq;
    }
  }

  private void assertResultContract(JsonNode r) {
    assertEquals(DEVICE, r.get("device").asText());
    assertEquals("vibration", r.get("pipeline").asText());
    assertTrue(r.get("seq").isIntegralNumber());
    long ts = r.get("ts").asLong();
    assertTrue(Math.abs(System.currentTimeMillis() - ts) < 60_000, "ts is the window's epoch ms: " + ts);
    assertEquals("vibration", r.at("/model/name").asText());
    assertEquals("1", r.at("/model/version").asText());
    assertEquals("int8", r.at("/model/precision").asText());
    assertEquals("tflite", r.get("engine").asText());
    assertTrue(r.get("latencyMs").asDouble() >= 0);
    JsonNode result = r.get("result");
    assertTrue(LABELS.contains(result.get("label").asText()), result.toString());
    double score = result.get("score").asDouble();
    assertTrue(score >= 0 && score <= 1, result.toString());
    double sum = 0;
    Iterator<String> names = result.get("scores").fieldNames();
    Set<String> seen = new java.util.HashSet<>();
    while (names.hasNext()) {
      String name = names.next();
      seen.add(name);
      sum += result.get("scores").get(name).asDouble();
    }
    assertEquals(LABELS, seen);
    assertEquals(1.0, sum, 0.02, "softmax scores sum to 1 within INT8 resolution");
    assertEquals(score, result.get("scores").get(result.get("label").asText()).asDouble(), 1e-9);
  }
}
