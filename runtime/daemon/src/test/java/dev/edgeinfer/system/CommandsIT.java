package dev.edgeinfer.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgeinfer.testing.Conformance;
import dev.edgeinfer.testing.DaemonProcess;
import dev.edgeinfer.testing.MosquittoBroker;
import dev.edgeinfer.testing.TestSubscriber;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed, oversized and unknown commands sent to the daemon process: each gets one error
 * reply naming what was wrong, and the daemon stays up and keeps publishing results; then
 * {@code ping}, {@code status} and {@code config/get} still work.
 */
class CommandsIT {
  private static final String DEVICE = "it-cmd";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  private record Bad(String name, byte[] payload, String errorStart) {
    static Bad of(String name, String payload, String errorStart) {
      return new Bad(name, payload.getBytes(StandardCharsets.UTF_8), errorStart);
    }
  }

  private static List<Bad> table() {
    byte[] oversized = new byte[256 * 1024 + 1];
    Arrays.fill(oversized, (byte) ' ');
    return List.of(
        Bad.of("ping", "{\"requestId\":", "malformed JSON: "),
        Bad.of("ping", "{requestId: 1}", "malformed JSON: "),
        Bad.of("ping", "[1,2,3]", "a command must be a JSON object, got array"),
        Bad.of("ping", "\"ping\"", "a command must be a JSON object, got string"),
        Bad.of("ping", "3.5", "a command must be a JSON object, got number"),
        Bad.of("ping", "{} []", "malformed JSON: Trailing token"),
        Bad.of("ping", "[".repeat(500) + "]".repeat(500), "JSON nested deeper than 16 levels"),
        Bad.of("ping", "{\"requestId\":[1]}", "field \"requestId\": expected a string or an integer, got an array"),
        Bad.of("ping", "{\"requestId\":1.5}", "field \"requestId\": expected a string or an integer, got 1.5"),
        Bad.of("ping", "{\"force\":true}", "unknown field \"force\" (allowed: requestId)"),
        Bad.of("status", "{\"pipeline\":\"vibration\"}", "unknown field \"pipeline\" (allowed: requestId)"),
        Bad.of("config/get", "{\"section\":\"mqtt\"}", "unknown field \"section\" (allowed: requestId)"),
        new Bad("ping", oversized, "payload of 262145 bytes is over the limit of 262144"),
        new Bad("ping", new byte[] {'{', '"', (byte) 0xc3, '"', ':', '1', '}'}, "malformed JSON: "),
        Bad.of("reboot", "{}",
            "unknown command \"reboot\" (known: config/get, model/rollback, model/update, ping, precision/benchmark,"
                + " precision/set, status)"),
        Bad.of("model/rollback", "{\"model\":\"nope\"}", "unknown_model: model \"nope\" is not in this device's config"),
        Bad.of("model/rollback", "{\"model\":\"vibration\"}", "no_previous: model \"vibration\" runs its config's files (version 1)"),
        Bad.of("model/update", "{\"requestId\":\"r1\"}", "a model/update needs \"url\" or \"chunk\""),
        Bad.of("model/update", "{\"requestId\":\"../x\",\"url\":\"file:///x\"}", "field \"requestId\": 1 to 64 of"),
        Bad.of("model/update", "{\"requestId\":\"r2\",\"url\":\"ftp://h/b.zip\"}",
            "field \"url\": https://, http:// or file:// expected"),
        Bad.of("model/update", "{\"requestId\":\"r3\",\"chunk\":0,\"of\":1,\"sha256\":\"" + "a".repeat(64)
            + "\",\"data\":\"***\"}", "field \"data\": not base64"),
        Bad.of("precision/set", "{\"precision\":\"fp16\"}", "precision must be int8, fp32 or auto, got \"fp16\""));
  }

  @Test
  void malformedCommands_errorReplies_daemonKeepsPublishing() throws Exception {
    Path config = Conformance.repo().resolve("device-config/demo.yaml");
    String base = "edgeinfer/" + DEVICE;
    try (MosquittoBroker broker = MosquittoBroker.start();
        TestSubscriber user = TestSubscriber.connect(broker.url(), base + "/cmd/#", base + "/inference/#",
            base + "/availability");
        DaemonProcess daemon = DaemonProcess.start(tmp.resolve("daemon.log"), "run", "--config", config.toString(),
            "--set", "mqtt.broker=" + broker.url(), "--set", "device.id=" + DEVICE,
            "--set", "device.stateDir=" + tmp.resolve("state"), "--set", "sensors.motor.rateHz=1600")) {
      user.awaitText(base + "/availability", "online", WAIT);
      List<String> failures = new ArrayList<>();
      int i = 0;
      for (Bad bad : table()) {
        String requestTopic = base + "/cmd/" + bad.name();
        user.publish(requestTopic, bad.payload());
        JsonNode reply = JSON.readTree(user.awaitTopic(requestTopic + "/reply", WAIT).payload());
        if (reply.get("ok").asBoolean() || !reply.get("error").asText().startsWith(bad.errorStart())) {
          failures.add("#" + i + " " + bad.name() + ": " + reply);
        }
        i++;
      }
      assertEquals(List.of(), failures);
      assertTrue(daemon.process().isAlive(), daemon.log());

      long before = JSON.readTree(user.awaitTopic(base + "/inference/vibration", WAIT).payload()).get("seq").asLong();
      long after = JSON.readTree(user.awaitTopic(base + "/inference/vibration", WAIT).payload()).get("seq").asLong();
      assertTrue(after > before, "still publishing: " + before + " then " + after);

      user.publish(base + "/cmd/ping", "{\"requestId\":\"alive\"}");
      JsonNode pong = JSON.readTree(user.awaitTopic(base + "/cmd/ping/reply", WAIT).payload());
      assertEquals("alive", pong.get("requestId").asText());
      user.publish(base + "/cmd/status", "{}");
      JsonNode status = JSON.readTree(user.awaitTopic(base + "/cmd/status/reply", WAIT).payload());
      assertTrue(status.at("/outbox/depth").isIntegralNumber(), status.toString());
      assertEquals(0, status.at("/outbox/dropped").asLong());
      user.publish(base + "/cmd/config/get", "{}");
      JsonNode cfg = JSON.readTree(user.awaitTopic(base + "/cmd/config/get/reply", WAIT).payload());
      assertEquals(broker.url(), cfg.at("/config/mqtt/broker").asText());
      assertEquals("drop-oldest", cfg.at("/config/outbox/overflow").asText());
      assertFalse(daemon.log().contains("Exception in thread"), daemon.log());
      daemon.terminate();
      assertEquals(0, daemon.waitFor(10), daemon.log());
    }
  }
}
