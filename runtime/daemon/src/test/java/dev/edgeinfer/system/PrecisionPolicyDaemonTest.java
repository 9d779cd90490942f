package dev.edgeinfer.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgeinfer.config.ConfigLoader;
import dev.edgeinfer.testing.DemoModels;
import dev.edgeinfer.testing.MosquittoBroker;
import dev.edgeinfer.testing.TestSubscriber;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon in-process against a real Mosquitto, with its power and temperature read from a fake
 * sysfs tree: switches follow the tree, each is announced once on event/precision with its
 * reason, results never skip or repeat a seq across switches, and precision/set works (and
 * refuses) over MQTT. The demo pair and a steady 25 windows a second.
 */
class PrecisionPolicyDaemonTest {
  private static final String DEVICE = "pol-01";
  private static final String EVENTS = "edgeinfer/" + DEVICE + "/event/precision";
  private static final String RESULTS = "edgeinfer/" + DEVICE + "/inference/vibration";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private final ObjectMapper json = new ObjectMapper();

  @TempDir Path tmp;

  private Daemon daemon(MosquittoBroker broker, String worth, double dwellSeconds) throws Exception {
    String yaml = """
        device: {id: %s, stateDir: %s}
        mqtt: {broker: "%s", statusIntervalSeconds: 1}
        models:
          vibration: {int8: "%s", fp32: "%s", labels: "%s", engine: tflite}
        sensors:
          motor: {type: synthetic, rateHz: 1600, seed: 3, stateSeconds: 8, realtime: true}
        pipelines:
          vibration:
            source: motor
            model: vibration
            window: {size: 128, hop: 64}
            preprocessing: {normalize: remove-mean, features: band-energies, bands: 8}
            precision: {benchmarkRuns: 50, worth: %s}
        policy:
          intervalMillis: 50
          minDwellSeconds: %s
          power: {sysfsRoot: sys}
          thermal: {sysfsRoot: sys}
        """.formatted(DEVICE, tmp.resolve("state"), broker.url(), DemoModels.int8(), DemoModels.fp32(),
        DemoModels.labels(), worth, dwellSeconds);
    Path file = Files.writeString(tmp.resolve("config.yaml"), yaml);
    return new Daemon(ConfigLoader.load(file));
  }

  private void write(String relative, String value) throws Exception {
    Path p = tmp.resolve("sys").resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, value + "\n");
  }

  private void power(boolean mainsOnline, String batteryStatus, int capacity) throws Exception {
    write("class/power_supply/AC/type", "Mains");
    write("class/power_supply/AC/online", mainsOnline ? "1" : "0");
    write("class/power_supply/BAT0/type", "Battery");
    write("class/power_supply/BAT0/status", batteryStatus);
    write("class/power_supply/BAT0/capacity", Integer.toString(capacity));
    write("class/thermal/thermal_zone0/type", "cpu-thermal");
    write("class/thermal/thermal_zone0/temp", "45000");
  }

  private JsonNode event(TestSubscriber events) throws Exception {
    return json.readTree(events.awaitTopic(EVENTS, WAIT).payload());
  }

  /** Results until {@code count} more of {@code precision} have arrived after the others. */
  private void collectUntil(TestSubscriber results, List<JsonNode> into, String precision, int count) throws Exception {
    int seen = 0;
    while (seen < count) {
      JsonNode r = json.readTree(results.awaitTopic(RESULTS, WAIT).payload());
      into.add(r);
      seen = r.at("/model/precision").asText().equals(precision) ? seen + 1 : 0;
    }
  }

  @Test
  void fakeSysfs_mainsToBatteryAndBack_switchesOncePerChange_withReasons_noSeqGapOrDuplicate() throws Exception {
    power(true, "Charging", 80);
    List<JsonNode> results = new ArrayList<>();
    try (MosquittoBroker broker = MosquittoBroker.start();
        TestSubscriber events = TestSubscriber.connect(broker.url(), EVENTS);
        TestSubscriber resultSub = TestSubscriber.connect(broker.url(), RESULTS);
        TestSubscriber availability = TestSubscriber.connect(broker.url(), "edgeinfer/" + DEVICE + "/availability")) {
      Daemon daemon = daemon(broker, "{always: true}", 1.5);
      try {
        daemon.start();
        JsonNode first = event(events);
        assertEquals("vibration", first.get("pipeline").asText());
        assertEquals("int8", first.get("from").asText());
        assertEquals("fp32", first.get("to").asText());
        assertEquals("fp32 allowed (mains: AC online; cpu-thermal 45.0 °C) and worth it: worth.always",
            first.get("reason").asText());
        collectUntil(resultSub, results, "fp32", 10);

        power(false, "Discharging", 30);
        JsonNode toBattery = event(events);
        assertEquals("fp32", toBattery.get("from").asText());
        assertEquals("int8", toBattery.get("to").asText());
        assertEquals("on battery at 30% < 50% (BAT0 Discharging at 30%)", toBattery.get("reason").asText());
        collectUntil(resultSub, results, "int8", 10);

        power(true, "Charging", 31);
        JsonNode back = event(events);
        assertEquals("int8", back.get("from").asText());
        assertEquals("fp32", back.get("to").asText());
        // ts is in whole milliseconds; the dwell is timed in nanoseconds, hence 1 ms of slack.
        assertTrue(back.get("ts").asLong() - toBattery.get("ts").asLong() >= 1499,
            "back on fp32 only after the 1.5 s dwell: " + toBattery + " then " + back);
        collectUntil(resultSub, results, "fp32", 10);
      } finally {
        daemon.stop();
      }
      availability.awaitText("edgeinfer/" + DEVICE + "/availability", "stopped", WAIT);
      events.assertNothingWithin(Duration.ofMillis(300));
      // Everything published before "stopped" has been delivered by now (QoS 1, one connection).
      while (true) {
        try {
          results.add(json.readTree(resultSub.awaitTopic(RESULTS, Duration.ofMillis(500)).payload()));
        } catch (AssertionError drained) {
          break;
        }
      }
    }
    int changes = 0;
    for (int i = 0; i < results.size(); i++) {
      assertEquals(i + 1, results.get(i).get("seq").asLong(), "seq without gap or duplicate across the switches");
      if (i > 0 && !results.get(i).at("/model/precision").equals(results.get(i - 1).at("/model/precision"))) {
        changes++;
      }
    }
    assertEquals("fp32", results.get(0).at("/model/precision").asText(), "the first window already ran at fp32");
    assertEquals(2, changes, "fp32 → int8 → fp32 in the results, nothing else");
  }

  @Test
  void precisionSetOverMqtt_fp32WithExpiry_switchesAndBack_badValuesRefusedWithReason() throws Exception {
    power(true, "Charging", 80);
    String replies = "test/replies/" + DEVICE;
    String cmd = "edgeinfer/" + DEVICE + "/cmd/";
    try (MosquittoBroker broker = MosquittoBroker.start();
        TestSubscriber events = TestSubscriber.connect(broker.url(), EVENTS);
        TestSubscriber replySub = TestSubscriber.connect(broker.url(), replies)) {
      Daemon daemon = daemon(broker, "{agreementBelow: 0.5}", 30);
      try {
        daemon.start();
        assertEquals("int8", daemon.pipelines().get(0).precision(), "the demo int8 model agrees: no reason for fp32");

        replySub.publish(cmd + "precision/set", bytes("{\"precision\": \"fp32\", \"forSeconds\": 1.5}"), replies,
            bytes("c1"));
        JsonNode ok = json.readTree(replySub.awaitTopic(replies, WAIT).payload());
        assertTrue(ok.get("ok").asBoolean(), ok.toString());
        assertEquals("fp32", ok.at("/pipelines/vibration/precision").asText());
        long until = ok.at("/pipelines/vibration/until").asLong();
        JsonNode on = event(events);
        assertEquals("fp32", on.get("to").asText());
        assertEquals("remote override until " + java.time.Instant.ofEpochMilli(until), on.get("reason").asText());
        JsonNode off = event(events);
        assertEquals("int8", off.get("to").asText());
        assertTrue(off.get("reason").asText().startsWith("remote override expired; fp32 not worth it: agreement "),
            off.toString());
        assertTrue(off.get("ts").asLong() >= until, "not before the expiry");

        for (String[] bad : new String[][] {
            {"{\"precision\": \"fp64\"}", "precision must be int8, fp32 or auto, got \"fp64\""},
            {"{\"precision\": \"fp32\", \"forSeconds\": \"soon\"}", "forSeconds must be a number of seconds, got \"soon\""},
            {"{\"precision\": \"int8\", \"pipeline\": \"audio\"}",
                "no pipeline named \"audio\" (pipelines with an fp32 variant: vibration)"},
            {"precision fp32", "malformed JSON: Unrecognized token 'precision': was expecting (JSON String, Number, "
                + "Array, Object or token 'null', 'true' or 'false')"}}) {
          replySub.publish(cmd + "precision/set", bytes(bad[0]), replies, bytes("c2"));
          JsonNode refused = json.readTree(replySub.awaitTopic(replies, WAIT).payload());
          assertFalse(refused.get("ok").asBoolean(), refused.toString());
          assertEquals(bad[1], refused.get("error").asText());
        }
        events.assertNothingWithin(Duration.ofMillis(300));

        replySub.publish(cmd + "precision/benchmark", bytes("{}"), replies, bytes("c3"));
        JsonNode bench = json.readTree(replySub.awaitTopic(replies, WAIT).payload());
        assertTrue(bench.get("ok").asBoolean(), bench.toString());
        assertEquals(50, bench.at("/pipelines/vibration/int8/runs").asInt());
        assertEquals(Files.size(DemoModels.fp32()), bench.at("/pipelines/vibration/fp32/fileBytes").asLong());

        replySub.publish(cmd + "status", bytes("{}"), replies, bytes("c4"));
        JsonNode status = json.readTree(replySub.awaitTopic(replies, WAIT).payload());
        JsonNode p = status.at("/pipelines/vibration");
        assertEquals("int8", p.get("precision").asText());
        assertEquals("top1", p.at("/policy/agreement/metric").asText());
        assertTrue(p.at("/policy/agreement/runs").asInt() > 0, p.toString());
        assertEquals(2, p.at("/policy/switches").asInt());
        assertEquals(50, p.at("/policy/costs/fp32/runs").asInt(), "the benchmark's costs are the ones shown");
        assertTrue(p.at("/policy/costs/int8/latencyP50Ms").asDouble() > 0, p.toString());
        assertEquals("mains", status.at("/power/supply").asText());
        assertEquals(45.0, status.at("/thermal/celsius").asDouble());
      } finally {
        daemon.stop();
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
