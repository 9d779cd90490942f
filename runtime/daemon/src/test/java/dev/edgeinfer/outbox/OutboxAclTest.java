package dev.edgeinfer.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.config.MqttConfig;
import dev.edgeinfer.config.OutboxConfig;
import dev.edgeinfer.publish.PublishException;
import dev.edgeinfer.publish.Publisher;
import dev.edgeinfer.publish.Publishers;
import dev.edgeinfer.publish.Topics;
import dev.edgeinfer.testing.MosquittoBroker;
import dev.edgeinfer.testing.TestSubscriber;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker that wants a user name and password (from {@code mqtt.credentialsFile}) and applies
 * the README's per-device ACL: wrong credentials are refused with the reason; a result the ACL
 * refuses (MQTT 5 reason code 0x87) is counted as rejected and deleted instead of being retried
 * forever, and the results after it still arrive.
 */
class OutboxAclTest {
  @TempDir
  Path state;

  @Test
  void credentialsFromFile_andAclRefusal_countedAndDeleted() throws Exception {
    Path dir = Files.createTempDirectory("mqtt-acl");
    Process p = new ProcessBuilder("mosquitto_passwd", "-b", "-c", dir.resolve("passwd").toString(), "dev1", "s3cret")
        .redirectErrorStream(true).start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, new String(p.getInputStream().readAllBytes()));
    p = new ProcessBuilder("mosquitto_passwd", "-b", dir.resolve("passwd").toString(), "observer", "look")
        .redirectErrorStream(true).start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0);
    Files.writeString(dir.resolve("acl"), "pattern write edgeinfer/%u/#\npattern read edgeinfer/%u/cmd/#\n"
        + "user observer\ntopic read #\n");
    Files.writeString(dir.resolve("good"), "dev1\ns3cret\n");
    Files.writeString(dir.resolve("bad"), "dev1\nguess\n");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String f : List.of("passwd", "acl")) {
      Files.setPosixFilePermissions(dir.resolve(f), PosixFilePermissions.fromString("rw-r--r--"));
    }
    try (MosquittoBroker broker = MosquittoBroker.start(List.of("allow_anonymous false",
        "password_file " + dir.resolve("passwd"), "acl_file " + dir.resolve("acl")))) {
      Topics topics = new Topics("edgeinfer", "dev1", List.of());
      try (Publisher wrong = Publishers.open(mqtt(broker.url(), dir.resolve("bad")), topics, broker.url())) {
        PublishException e = assertThrows(PublishException.class, () -> wrong.start(1_500));
        assertTrue(e.getMessage().contains("the broker refused the credentials (mqtt.credentialsFile)"), e.getMessage());
      }
      try (TestSubscriber observer = TestSubscriber.connectAs(broker.url(), "observer", "look", "edgeinfer/#");
          Publisher pub = Publishers.open(mqtt(broker.url(), dir.resolve("good")), topics, broker.url())) {
        pub.start(10_000);
        Outbox outbox = Outbox.open(state, new OutboxConfig(1_000, 1 << 20, OutboxConfig.Overflow.DROP_OLDEST, 0,
            OutboxConfig.DrainOrder.OLDEST_FIRST, true));
        outbox.start(pub);
        outbox.enqueue("p", 1, "edgeinfer/dev1/inference/p", 1, bytes("{\"seq\":1}"));
        outbox.enqueue("p", 2, "edgeinfer/other/inference/p", 1, bytes("{\"seq\":2}")); // outside its prefix
        outbox.enqueue("p", 3, "edgeinfer/dev1/inference/p", 1, bytes("{\"seq\":3}"));
        assertEquals("{\"seq\":1}", observer.awaitTopic("edgeinfer/dev1/inference/p", Duration.ofSeconds(10)).text());
        assertEquals("{\"seq\":3}", observer.awaitTopic("edgeinfer/dev1/inference/p", Duration.ofSeconds(10)).text());
        assertTrue(outbox.awaitEmpty(10_000), outbox.stats().toString());
        assertEquals(1, outbox.stats().rejected());
        observer.assertNothingWithin(Duration.ofMillis(300));
        outbox.close(1_000);
      }
    }
  }

  private static MqttConfig mqtt(String url, Path credentials) {
    return new MqttConfig(url, 0, "acl-" + UUID.randomUUID(), "edgeinfer", 1, Optional.of(credentials), Optional.empty(),
        60, 10);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
