package dev.edgeinfer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgeinfer.config.EdgeConfig;
import dev.edgeinfer.system.Daemon;
import dev.edgeinfer.system.Signals;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code edgeinfer demo}: the demo configuration (a synthetic vibrating machine, the demo
 * classifier), an embedded broker when none is configured, and every published result printed
 * as a subscriber receives it. Ctrl-C ends it cleanly.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the demo: synthetic sensor, INT8 classifier, embedded MQTT broker, results printed live.")
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--config", paramLabel = "FILE",
      description = "Demo config (default: device-config/demo.yaml here, else the copy inside the jar).")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config key by its dotted path.")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--count", defaultValue = "0", paramLabel = "N", description = "Stop after N results (0: run until Ctrl-C).")
  int count;

  @Option(names = "--json", description = "Print each result's JSON as received.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Path file = config != null ? config : DemoFiles.locate();
    List<String> settings = new ArrayList<>(overrides);
    EdgeConfig loaded = ConfigFiles.load(file, settings);
    if (loaded.mqtt().isEmbedded() && !portFree(loaded.mqtt().embeddedPort())) {
      // Someone (a local Mosquitto) already has the port: take any free one instead.
      settings.add("mqtt.embeddedPort=" + freePort());
      loaded = ConfigFiles.load(file, settings);
    }
    Signals signals = Signals.install();
    Daemon daemon = new Daemon(loaded);
    AtomicInteger received = new AtomicInteger();
    String prefix = loaded.mqtt().topicPrefix() + "/" + loaded.device().id();
    MqttClient[] viewer = new MqttClient[1];
    try {
      String url = daemon.start(brokerUrl -> {
        try {
          viewer[0] = connectViewer(brokerUrl, prefix + "/inference/#", signals, received);
        } catch (MqttException e) {
          throw new IllegalStateException("the demo viewer cannot subscribe at " + brokerUrl + ": " + e, e);
        }
      });
      System.out.println("edgeinfer demo: device " + loaded.device().id() + ", broker " + url);
      System.out.println("  watch it from another terminal: mosquitto_sub -h " + host(url) + " -p " + port(url)
          + " -t '" + prefix + "/#' -v");
      System.out.println("  Ctrl-C stops.");
      signals.await();
    } finally {
      daemon.stop();
      if (viewer[0] != null) {
        try {
          viewer[0].disconnectForcibly(0, 1000, false);
          viewer[0].close();
        } catch (MqttException e) {
          // the broker has gone with the daemon; nothing is left to tidy
        }
      }
    }
    return Main.OK;
  }

  /** A subscriber like any user's, printing each result as it arrives. */
  private MqttClient connectViewer(String url, String filter, Signals signals, AtomicInteger received)
      throws MqttException {
    MqttClient subscriber = new MqttClient(url, "edgeinfer-demo-viewer-" + ProcessHandle.current().pid(),
        new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    subscriber.connect(options);
    ObjectMapper mapper = new ObjectMapper();
    IMqttMessageListener printer = (topic, message) -> {
      String text = new String(message.getPayload(), StandardCharsets.UTF_8);
      System.out.println(json ? text : summarize(mapper.readTree(text)));
      if (count > 0 && received.incrementAndGet() >= count) {
        signals.trigger("--count " + count + " reached");
      }
    };
    // Paho 1.2.5's subscribe(String, int, listener) calls itself forever; the array form works.
    subscriber.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)},
        new IMqttMessageListener[] {printer});
    return subscriber;
  }

  static String summarize(JsonNode r) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "#%-5d %-12s %-13s %.2f  (%s, %s, %.3f ms)",
        r.path("seq").asLong(), r.path("pipeline").asText(), r.path("result").path("label").asText(),
        r.path("result").path("score").asDouble(), r.path("model").path("precision").asText(),
        r.path("engine").asText(), r.path("latencyMs").asDouble()));
    r.path("result").path("scores").fields().forEachRemaining(e ->
        line.append(String.format(Locale.ROOT, "  %s=%.2f", e.getKey(), e.getValue().asDouble())));
    return line.toString();
  }

  private static boolean portFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String host(String url) {
    return java.net.URI.create(url).getHost();
  }

  private static int port(String url) {
    return java.net.URI.create(url).getPort();
  }
}
