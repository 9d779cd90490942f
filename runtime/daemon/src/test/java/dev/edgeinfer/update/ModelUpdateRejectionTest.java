package dev.edgeinfer.update;

import static dev.edgeinfer.update.UpdateDaemonFixture.JSON;
import static dev.edgeinfer.update.UpdateDaemonFixture.assertServing;
import static dev.edgeinfer.update.UpdateDaemonFixture.awaitFinal;
import static dev.edgeinfer.update.UpdateDaemonFixture.awaitVersion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgeinfer.system.Daemon;
import dev.edgeinfer.testing.BundleHttpServer;
import dev.edgeinfer.testing.DegradedInt8Model;
import dev.edgeinfer.testing.DemoModels;
import dev.edgeinfer.testing.MosquittoBroker;
import dev.edgeinfer.testing.OverflowModel;
import dev.edgeinfer.testing.TestSubscriber;
import dev.edgeinfer.testing.TinyModels;
import dev.edgeinfer.testing.UpdateBundles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bundles a device must refuse, sent to a running daemon (in-process, real Mosquitto): each ends
 * in {@code rejected} with its precise reason and a message naming the fault, and the old version
 * serves throughout (results keep coming, seq without a gap). And a model that passes its
 * self-test but overflows on real windows: activated, then rolled back by its trial.
 */
class ModelUpdateRejectionTest {
  private static final String DEVICE = "rej-01";

  @TempDir Path tmp;

  private record Case(String requestId, Path bundle, String reason, String messageContains) {}


  @Test
  void hostileAndBrokenBundles_eachRejectedWithItsReason_oldVersionServesThroughout() throws Exception {
    UpdateBundles.Keys key = UpdateBundles.keys(tmp, "fleet");
    UpdateBundles.Keys stranger = UpdateBundles.keys(tmp, "stranger");
    Path good = UpdateBundles.demo(tmp.resolve("good.zip"), "2", key);
    Map<String, byte[]> entries = UpdateBundles.entries(good);
    byte[] labels = entries.get("labels.txt").clone();
    labels[0] = (byte) Character.toUpperCase(labels[0]);
    byte[] manifest = new String(entries.get("manifest.json"), StandardCharsets.UTF_8)
        .replace("2026-11-27T12:00:00Z", "2026-11-27T12:00:01Z").getBytes(StandardCharsets.UTF_8);
    assertTrue(!Arrays.equals(manifest, entries.get("manifest.json")), "the manifest was changed");
    String expected = UpdateBundles.firstExpectedOutput(good);
    byte[] wrongOutput = entries.get(expected).clone();
    for (int i = 0; i < wrongOutput.length; i++) {
      wrongOutput[i] = (byte) (wrongOutput[i] ^ 0x40);
    }
    Path wide = TinyModels.dense(tmp.resolve("wide.tflite"), 25, 4);

    List<Case> cases = List.of(
        new Case("unsigned", UpdateBundles.demo(tmp.resolve("unsigned.zip"), "2", null), "unsigned", "no manifest.sig"),
        new Case("stranger", UpdateBundles.demo(tmp.resolve("stranger.zip"), "2", stranger), "unknown_key", ""),
        new Case("tampered-file", UpdateBundles.replace(good, tmp.resolve("tf.zip"), "labels.txt", labels, null),
            "hash_mismatch", "labels.txt"),
        new Case("tampered-manifest", UpdateBundles.replace(good, tmp.resolve("tm.zip"), "manifest.json", manifest, null),
            "bad_signature", ""),
        new Case("zip-slip", zip("slip.zip", "../evil.txt"), "unsafe_path", "../evil.txt"),
        new Case("absolute", zip("abs.zip", "/tmp/evil.txt"), "unsafe_path", "/tmp/evil.txt"),
        new Case("symlink", UpdateBundles.symlinkZip(tmp.resolve("link.zip"), "int8.tflite", "/etc/passwd"), "symlink",
            "int8.tflite"),
        new Case("bomb", bomb(), "too_large", "updates.maxUncompressedBytes"),
        new Case("wide", UpdateBundles.bundle(tmp.resolve("wide.zip"), "vibration", "2", wide, Optional.of(wide),
            Optional.of(DemoModels.labels()), List.of(), 1, key), "incompatible", "preprocessing makes 24 features"),
        new Case("garbage-model", UpdateBundles.replace(good, tmp.resolve("gm.zip"), "int8.tflite",
            "not a flatbuffer at all".getBytes(StandardCharsets.UTF_8), key), "model_rejected", "int8.tflite"),
        new Case("selftest", UpdateBundles.replace(good, tmp.resolve("st.zip"), expected, wrongOutput, key),
            "selftest_mismatch", ""),
        // Each precision reproduces its own expected outputs, but the INT8 model (calibrated on half
        // the real range, so it saturates) no longer picks FP32's class.
        new Case("disagreeing", UpdateBundles.bundle(tmp.resolve("disagree.zip"), "vibration", "2",
            DegradedInt8Model.write(tmp.resolve("degraded_int8.tflite"), 0.5f), Optional.of(DemoModels.fp32()),
            Optional.of(DemoModels.labels()), UpdateBundles.heldOutInputs(tmp.resolve("heldout"), 40), 0, key), "precision_disagreement",
            "updates.minAgreement is 80.0%"),
        new Case("other-model", UpdateBundles.bundle(tmp.resolve("other.zip"), "other", "1", DemoModels.int8(),
            Optional.empty(), Optional.of(DemoModels.labels()), List.of(), 1, key), "unknown_model", "\"other\""));

    try (MosquittoBroker broker = MosquittoBroker.start();
        TestSubscriber results = TestSubscriber.connect(broker.url(), UpdateDaemonFixture.results(DEVICE));
        TestSubscriber events = TestSubscriber.connect(broker.url(), UpdateDaemonFixture.events(DEVICE))) {
      Daemon daemon = UpdateDaemonFixture.start(UpdateDaemonFixture.config(tmp.resolve("d"), DEVICE, broker.url(),
          key.publicFile(), true));
      try {
        awaitVersion(results, "1");
        String topic = "edgeinfer/" + DEVICE + "/cmd/model/update";
        for (Case c : cases) {
          UpdateDaemonFixture.sendChunks(events, topic, c.requestId(), c.bundle(), 4000);
          assertRejected(awaitFinal(events, c.requestId()), c.reason(), c.messageContains());
        }
        // A download cut short for good (the server sends half and says that is all).
        byte[] half = Arrays.copyOf(Files.readAllBytes(good), (int) Files.size(good) / 2);
        try (BundleHttpServer server = BundleHttpServer.serving(half)) {
          events.publish(topic, JSON.writeValueAsBytes(JSON.createObjectNode().put("requestId", "truncated")
              .put("url", server.url())));
          assertRejected(awaitFinal(events, "truncated"), "corrupt", "");
          events.publish(topic, JSON.writeValueAsBytes(JSON.createObjectNode().put("requestId", "truncated-sized")
              .put("url", server.url()).put("size", Files.size(good))));
          assertRejected(awaitFinal(events, "truncated-sized"), "size_mismatch", "the command announced");
        }
        results.clear();
        assertServing(results, "1", 20);
      } finally {
        daemon.stop();
      }
    }
  }

  @Test
  void modelThatOverflowsOnRealWindows_passesItsSelfTest_isRolledBackByItsTrial() throws Exception {
    UpdateBundles.Keys key = UpdateBundles.keys(tmp, "fleet");
    Path zeros = Files.write(tmp.resolve("zeros.bin"), new byte[24]);
    Path overflow = OverflowModel.write(tmp.resolve("overflow.tflite"), 24, 4);
    Path bundle = UpdateBundles.bundle(tmp.resolve("overflow.zip"), "vibration", "2", overflow, Optional.empty(),
        Optional.of(DemoModels.labels()), List.of(zeros), 0, key);
    try (MosquittoBroker broker = MosquittoBroker.start();
        TestSubscriber results = TestSubscriber.connect(broker.url(), UpdateDaemonFixture.results(DEVICE));
        TestSubscriber events = TestSubscriber.connect(broker.url(), UpdateDaemonFixture.events(DEVICE))) {
      Daemon daemon = UpdateDaemonFixture.start(UpdateDaemonFixture.config(tmp.resolve("d"), DEVICE, broker.url(),
          key.publicFile(), false));
      try {
        awaitVersion(results, "1");
        UpdateDaemonFixture.sendChunks(events, "edgeinfer/" + DEVICE + "/cmd/model/update", "nan", bundle, 100_000);
        List<String> states = new java.util.ArrayList<>();
        JsonNode e;
        do {
          e = UpdateDaemonFixture.parse(events.awaitTopic(UpdateDaemonFixture.events(DEVICE),
              UpdateDaemonFixture.WAIT).payload());
          states.add(e.path("state").asText());
        } while (!Sets.of("committed", "rejected", "rolled_back").contains(e.path("state").asText()));
        assertEquals(List.of("received", "verifying", "testing", "active", "trial", "rolled_back"), states);
        assertEquals("trial_failed", e.path("reason").asText());
        assertTrue(e.path("error").asText().matches("inference 1 of version 2: output \\d is (Infinity|-Infinity|NaN)"),
            e.toString());
        results.clear();
        assertServing(results, "1", 10);
        assertEquals(Optional.empty(), new dev.edgeinfer.model.ModelStore(tmp.resolve("d/state"), 3).active("vibration"),
            "the store is back where it was: no version active, the config's files run");
      } finally {
        daemon.stop();
      }
    }
  }

  private static void assertRejected(JsonNode event, String reason, String messageContains) {
    assertEquals("rejected", event.path("state").asText(), event.toString());
    assertEquals(reason, event.path("reason").asText(), event.toString());
    assertTrue(event.path("error").asText().contains(messageContains), event.toString());
  }

  private Path zip(String file, String evilName) throws Exception {
    Map<String, byte[]> e = new LinkedHashMap<>();
    e.put("manifest.json", "{}".getBytes(StandardCharsets.UTF_8));
    e.put(evilName, "x".getBytes(StandardCharsets.UTF_8));
    return UpdateBundles.write(tmp.resolve(file), e);
  }

  /** 300,000 zero bytes deflate to a few hundred: past the test config's 200,000-byte limit once inflated. */
  private Path bomb() throws Exception {
    Map<String, byte[]> e = new LinkedHashMap<>();
    e.put("manifest.json", "{}".getBytes(StandardCharsets.UTF_8));
    e.put("int8.tflite", new byte[300_000]);
    return UpdateBundles.write(tmp.resolve("bomb.zip"), e);
  }

  private static final class Sets {
    static java.util.Set<String> of(String... s) {
      return java.util.Set.of(s);
    }
  }
}
