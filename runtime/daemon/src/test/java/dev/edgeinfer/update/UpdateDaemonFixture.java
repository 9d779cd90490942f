package dev.edgeinfer.update;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgeinfer.config.ConfigLoader;
import dev.edgeinfer.system.Daemon;
import dev.edgeinfer.testing.DemoModels;
import dev.edgeinfer.testing.TestSubscriber;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

/**
 * Shared by the update tests: a daemon in-process on the demo pipeline (pure-Java engine, a
 * synthetic motor at 50 windows a second) trusting one key, and the MQTT steps around it.
 */
final class UpdateDaemonFixture {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final ObjectMapper JSON = new ObjectMapper();

  private UpdateDaemonFixture() {}

  /** The daemon's config; {@code fp32} false: an INT8-only model (no precision policy). */
  static Path config(Path dir, String device, String broker, Path trustedKey, boolean fp32) throws Exception {
    return config(dir, device, broker, trustedKey, fp32, 5, 20);
  }

  /** With the trial's length given (state in {@code dir/state}). */
  static Path config(Path dir, String device, String broker, Path trustedKey, boolean fp32, int trialInferences,
      int trialSeconds) throws Exception {
    Files.createDirectories(dir);
    String yaml = """
        device: {id: %s, stateDir: "%s", groups: [lab]}
        mqtt: {broker: "%s", statusIntervalSeconds: 60}
        models:
          vibration: {int8: "%s", %s labels: "%s", engine: java}
        sensors:
          motor: {type: synthetic, rateHz: 3200, seed: 3, stateSeconds: 2, realtime: true}
        pipelines:
          vibration:
            source: motor
            model: vibration
            window: {size: 128, hop: 64}
            preprocessing: {normalize: remove-mean, features: band-energies, bands: 8}
        updates:
          trustedKeys: ["%s"]
          maxUncompressedBytes: 200000
          trial: {inferences: %d, seconds: %d}
        """.formatted(device, dir.resolve("state"), broker, DemoModels.int8(),
        fp32 ? "fp32: \"" + DemoModels.fp32() + "\"," : "", DemoModels.labels(), trustedKey, trialInferences,
        trialSeconds);
    return Files.writeString(dir.resolve("config.yaml"), yaml);
  }

  static Daemon start(Path config) throws Exception {
    Daemon d = new Daemon(ConfigLoader.load(config));
    d.start();
    return d;
  }

  static String results(String device) {
    return "edgeinfer/" + device + "/inference/vibration";
  }

  static String events(String device) {
    return "edgeinfer/" + device + "/event/model";
  }

  /** Publishes {@code bundle} as chunks of {@code chunkSize} bytes on {@code topic}, in order. */
  static void sendChunks(TestSubscriber client, String topic, String requestId, Path bundle, int chunkSize)
      throws Exception {
    byte[] b = Files.readAllBytes(bundle);
    String sha = dev.edgeinfer.testing.UpdateBundles.sha256(b);
    int of = (b.length + chunkSize - 1) / chunkSize;
    for (int i = 0; i < of; i++) {
      byte[] part = Arrays.copyOfRange(b, i * chunkSize, Math.min(b.length, (i + 1) * chunkSize));
      client.publish(topic, JSON.writeValueAsBytes(JSON.createObjectNode().put("requestId", requestId).put("chunk", i)
          .put("of", of).put("sha256", sha).put("data", Base64.getEncoder().encodeToString(part))));
    }
  }

  /** The next event of {@code requestId} in a final state (earlier ones are skipped). */
  static JsonNode awaitFinal(TestSubscriber events, String requestId) throws Exception {
    var m = events.awaitMatching(r -> {
      JsonNode e = parse(r.payload());
      return requestId.equals(e.path("requestId").asText(null))
          && java.util.Set.of("committed", "rejected", "rolled_back").contains(e.path("state").asText());
    }, WAIT, "a final event for " + requestId);
    return parse(m.payload());
  }

  /** The next result of {@code version}; returns it. */
  static JsonNode awaitVersion(TestSubscriber results, String version) {
    var m = results.awaitMatching(r -> version.equals(parse(r.payload()).path("model").path("version").asText()),
        WAIT, "a result of version " + version);
    return parse(m.payload());
  }

  /** {@code n} more results, all of {@code version}, their seqs consecutive. */
  static void assertServing(TestSubscriber results, String version, int n) {
    long last = -1;
    for (int i = 0; i < n; i++) {
      JsonNode r = parse(results.await(WAIT).payload());
      assertEquals(version, r.path("model").path("version").asText(), r.toString());
      long seq = r.path("seq").asLong();
      if (last >= 0) {
        assertEquals(last + 1, seq, "seq after " + last);
      }
      last = seq;
    }
  }

  static JsonNode parse(byte[] payload) {
    try {
      return JSON.readTree(payload);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + new String(payload), e);
    }
  }
}
