package dev.edgeinfer.homeassistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgeinfer.config.HomeAssistantConfig;
import dev.edgeinfer.config.PipelineConfig;
import dev.edgeinfer.publish.PublishException;
import dev.edgeinfer.publish.Publisher;
import dev.edgeinfer.publish.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * Home Assistant MQTT discovery ({@code homeassistant.enabled}): publishes each pipeline's
 * retained {@link DiscoveryPayload} at start, again whenever Home Assistant announces {@code
 * online} on {@code DISCOVERY_PREFIX/status} (it forgets non-retained state when it restarts, and
 * a broker without persistence forgets the retained configs), and an empty retained payload for
 * each pipeline announced by an earlier run but no longer in the config. What was announced is
 * kept in {@code STATE/homeassistant-announced}, one pipeline per line. With discovery turned off,
 * what an earlier run announced is removed.
 *
 * <p>Thread-safe: the announcements run on one thread of their own, never on the MQTT client's.
 */
public final class HomeAssistantDiscovery implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(HomeAssistantDiscovery.class.getName());
  static final String STATE_FILE = "homeassistant-announced";

  private final HomeAssistantConfig config;
  private final Topics topics;
  private final Map<String, PipelineConfig.OutputKind> pipelines;
  private final String version;
  private final Path stateFile;
  private final ObjectMapper json = new ObjectMapper();
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "homeassistant-discovery");
    t.setDaemon(true);
    return t;
  });
  private Publisher publisher;

  public HomeAssistantDiscovery(HomeAssistantConfig config, Topics topics, Map<String, PipelineConfig> pipelines,
      String version, Path stateDir) {
    this.config = config;
    this.topics = topics;
    this.pipelines = new LinkedHashMap<>();
    pipelines.forEach((name, p) -> this.pipelines.put(name, p.output()));
    this.version = version;
    this.stateFile = stateDir.resolve(STATE_FILE);
  }

  /** Removes what is gone, announces what is there, and listens for Home Assistant's birth message. */
  public void start(Publisher publisher) throws PublishException, IOException {
    this.publisher = publisher;
    List<String> before = Files.exists(stateFile)
        ? Files.readAllLines(stateFile, StandardCharsets.UTF_8).stream().map(String::strip).filter(s -> !s.isEmpty()).toList()
        : List.of();
    List<String> now = config.enabled() ? List.copyOf(pipelines.keySet()) : List.of();
    for (String gone : before) {
      if (!now.contains(gone)) {
        publisher.publish(DiscoveryPayload.topic(config.discoveryPrefix(), topics.device(), gone), new byte[0], 1, true);
        LOG.info("Home Assistant: removed pipeline " + gone);
      }
    }
    if (config.enabled()) {
      announce();
      publisher.subscribe(config.discoveryPrefix() + "/status", m -> {
        if (new String(m.payload(), StandardCharsets.UTF_8).strip().equals("online")) {
          worker.execute(this::announceQuietly);
        }
      });
    }
    if (!before.equals(now)) {
      writeState(now);
    }
  }

  private void announceQuietly() {
    try {
      announce();
      LOG.info("Home Assistant came online: discovery published again");
    } catch (PublishException e) {
      LOG.warning("Home Assistant discovery not published: " + e.getMessage());
    }
  }

  private void announce() throws PublishException {
    for (Map.Entry<String, PipelineConfig.OutputKind> p : pipelines.entrySet()) {
      byte[] payload;
      try {
        payload = json.writeValueAsBytes(DiscoveryPayload.build(topics, p.getKey(), p.getValue(), version));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      publisher.publish(DiscoveryPayload.topic(config.discoveryPrefix(), topics.device(), p.getKey()), payload, 1, true);
    }
  }

  private void writeState(List<String> announced) throws IOException {
    Path tmp = stateFile.resolveSibling(STATE_FILE + ".tmp");
    Files.write(tmp, new ArrayList<>(announced), StandardCharsets.UTF_8);
    Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
