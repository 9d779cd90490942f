package dev.edgeinfer.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Out of the box: the package installed into a root, its wrapper started the way the unit starts
 * it, on the packaged config template and demo models, publishes classified results to a real
 * Mosquitto (here on a free port instead of 1883, and the template's model paths under the root),
 * and stops cleanly on SIGTERM.
 */
class InstalledServiceIT {
  private static final long WAIT_SECONDS = 60;

  @TempDir Path tmp;

  @Test
  void installedWrapperAndTemplate_publishResults_andStopCleanlyOnSigterm() throws Exception {
    DebRoot root = DebRoot.create(tmp.resolve("root"), List.of());
    root.install(Build.deb());
    String template = Files.readString(root.path("/etc/edgeinfer/config.yaml"));
    Path config = Files.writeString(tmp.resolve("config.yaml"),
        template.replace("/usr/share/edgeinfer/", root.path("/usr/share/edgeinfer/") + "/"));
    Proc.run(List.of(root.path("/usr/bin/edgeinfer").toString(), "check-config", config.toString()),
        java.util.Map.of("EDGEINFER_JAR", root.path("/usr/share/edgeinfer/edgeinfer.jar").toString())).ok();

    int port = freePort();
    Process broker = startMosquitto(port);
    Process daemon = null;
    MqttClient subscriber = new MqttClient("tcp://127.0.0.1:" + port, "installed-service-it", new MemoryPersistence());
    try {
      subscriber.connect();
      BlockingQueue<String> results = new ArrayBlockingQueue<>(1000);
      subscriber.subscribe("edgeinfer/edgeinfer-01/inference/vibration", 1,
          (topic, message) -> results.offer(new String(message.getPayload())));

      Path state = Files.createDirectories(tmp.resolve("state"));
      ProcessBuilder builder = new ProcessBuilder(root.path("/usr/bin/edgeinfer").toString(), "run",
          "--config", config.toString(), "--set", "mqtt.broker=tcp://127.0.0.1:" + port)
          .redirectErrorStream(true).redirectOutput(tmp.resolve("daemon.log").toFile());
      builder.environment().put("EDGEINFER_JAR", root.path("/usr/share/edgeinfer/edgeinfer.jar").toString());
      // As systemd's StateDirectory= hands it over.
      builder.environment().put("STATE_DIRECTORY", state.toString());
      daemon = builder.start();

      String first = results.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertNotNull(first, "no result within " + WAIT_SECONDS + " s; daemon log:\n" + Files.readString(tmp.resolve("daemon.log")));
      JsonNode result = new ObjectMapper().readTree(first);
      assertEquals("edgeinfer-01", result.get("device").asText());
      assertEquals("vibration", result.get("pipeline").asText());
      assertTrue(List.of("idle", "normal", "imbalance", "bearing_wear").contains(result.at("/result/label").asText()), first);
      assertTrue(Files.exists(state.resolve("outbox.db")), "the outbox lives in $STATE_DIRECTORY");

      daemon.destroy(); // SIGTERM, as systemctl stop sends
      assertTrue(daemon.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "still running after SIGTERM");
      assertEquals(0, daemon.exitValue(), Files.readString(tmp.resolve("daemon.log")));
    } finally {
      if (subscriber.isConnected()) {
        subscriber.disconnect();
      }
      subscriber.close();
      if (daemon != null) {
        daemon.destroyForcibly();
      }
      broker.destroy();
      broker.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private Process startMosquitto(int port) throws IOException, InterruptedException {
    Path conf = Files.writeString(tmp.resolve("mosquitto.conf"),
        "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest stderr\n");
    Process broker = new ProcessBuilder(Proc.tool("mosquitto", "mosquitto"), "-c", conf.toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("mosquitto.log").toFile()).start();
    for (int attempt = 0; attempt < 100; attempt++) {
      try (Socket socket = new Socket("127.0.0.1", port)) {
        return broker;
      } catch (IOException notYet) {
        assertTrue(broker.isAlive(), "mosquitto exited:\n" + Files.readString(tmp.resolve("mosquitto.log")));
        Thread.sleep(100);
      }
    }
    throw new AssertionError("mosquitto not listening on " + port + ":\n" + Files.readString(tmp.resolve("mosquitto.log")));
  }
}
