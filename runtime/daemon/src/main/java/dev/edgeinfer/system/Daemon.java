package dev.edgeinfer.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgeinfer.broker.EmbeddedBroker;
import dev.edgeinfer.config.ConfigRedactor;
import dev.edgeinfer.config.EdgeConfig;
import dev.edgeinfer.config.ModelConfig;
import dev.edgeinfer.config.PipelineConfig;
import dev.edgeinfer.engine.Engines;
import dev.edgeinfer.engine.InferenceEngine;
import dev.edgeinfer.pipeline.Pipeline;
import dev.edgeinfer.publish.CommandHandler;
import dev.edgeinfer.publish.CommandRouter;
import dev.edgeinfer.publish.CommandSchema;
import dev.edgeinfer.homeassistant.HomeAssistantDiscovery;
import dev.edgeinfer.outbox.Outbox;
import dev.edgeinfer.publish.PingCommand;
import dev.edgeinfer.publish.Publisher;
import dev.edgeinfer.publish.Publishers;
import dev.edgeinfer.publish.ResultPayload;
import dev.edgeinfer.publish.SequenceStore;
import dev.edgeinfer.publish.Topics;
import dev.edgeinfer.sensor.SensorSource;
import dev.edgeinfer.sensor.SensorSources;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The running daemon: the outbox, broker connection, pipelines on their own threads, the status
 * heartbeat and the command router. {@link #start()} brings them up in order; {@link #stop()}
 * takes them down in reverse: stop intake, finish the windows in flight and hand them to the
 * outbox, let the outbox flush, publish a last status and {@code stopped}, disconnect.
 *
 * <p>Thread-safe for one {@code start()} followed by one {@code stop()} (from a signal handler).
 */
public final class Daemon {
  private static final Logger LOG = Logger.getLogger(Daemon.class.getName());
  private static final long CONNECT_TIMEOUT_MILLIS = 30_000;
  private static final long PIPELINE_STOP_MILLIS = 3_000;
  /** How long a clean stop waits for the broker to acknowledge what the outbox holds; the rest waits for the next start. */
  private static final long OUTBOX_FLUSH_MILLIS = 1_500;

  private final EdgeConfig config;
  private final Topics topics;
  private final StatusReport status;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<Pipeline> pipelines = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private EmbeddedBroker broker;
  private Publisher publisher;
  private Outbox outbox;
  private CommandRouter router;
  private ScheduledExecutorService heartbeat;
  private boolean stopped;

  public Daemon(EdgeConfig config) {
    this.config = config;
    this.topics = new Topics(config.mqtt().topicPrefix(), config.device().id(), config.device().groups());
    this.status = new StatusReport(config.device().id(), new SystemProbe());
  }

  /** The broker URL in use (the embedded broker's when the config says {@code embedded}). */
  public String start() throws Exception {
    return start(url -> { });
  }

  /**
   * Starts everything; {@code beforeIntake} runs once the broker connection is up and before the
   * first sample is taken (the demo subscribes its viewer there, so it sees result 1).
   */
  public synchronized String start(java.util.function.Consumer<String> beforeIntake) throws Exception {
    Files.createDirectories(config.device().stateDir());
    outbox = Outbox.open(config.device().stateDir(), config.outbox());
    // Models and sensors first: a bad model fails the start before anything is announced.
    List<Runnable> loops = buildPipelines();
    String url = config.mqtt().broker();
    if (config.mqtt().isEmbedded()) {
      broker = new EmbeddedBroker();
      url = broker.start(config.mqtt().embeddedPort());
      LOG.info("embedded MQTT broker listening on " + url);
    }
    publisher = Publishers.open(config.mqtt(), topics, url);
    publisher.start(CONNECT_TIMEOUT_MILLIS);
    outbox.start(publisher);
    router = new CommandRouter(publisher, topics, commandHandlers());
    router.start();
    HomeAssistantDiscovery discovery = new HomeAssistantDiscovery(config.homeAssistant(), topics, config.pipelines(),
        PingCommand.version(), config.device().stateDir());
    resources.add(discovery);
    discovery.start(publisher);
    beforeIntake.accept(url);
    for (int i = 0; i < loops.size(); i++) {
      Thread t = new Thread(loops.get(i), "pipeline-" + pipelines.get(i).name());
      threads.add(t);
      t.start();
    }
    heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "status-heartbeat");
      t.setDaemon(true);
      return t;
    });
    int interval = config.mqtt().statusIntervalSeconds();
    heartbeat.scheduleAtFixedRate(this::publishStatus, 0, interval, TimeUnit.SECONDS);
    LOG.info("device " + config.device().id() + ": " + pipelines.size() + " pipeline(s) running, publishing to " + url);
    return url;
  }

  private List<Runnable> buildPipelines() throws Exception {
    List<Runnable> loops = new ArrayList<>();
    for (PipelineConfig p : config.pipelines().values().stream()
        .sorted(java.util.Comparator.comparing(PipelineConfig::name)).toList()) {
      ModelConfig model = config.models().get(p.model());
      InferenceEngine engine = Engines.open(model.int8(), Engines.Options.of(model.engine(), model.threads()));
      resources.add(engine);
      SensorSource source = SensorSources.open(config.sensors().get(p.source()));
      resources.add(source);
      SequenceStore seq = outbox.sequence(p.name());
      List<String> labels = model.labels().isPresent()
          ? Files.readAllLines(model.labels().get(), StandardCharsets.UTF_8).stream().map(String::trim)
              .filter(l -> !l.isEmpty()).toList()
          : List.of();
      String topic = topics.inference(p.name());
      int qos = config.mqtt().qos();
      Pipeline pipeline;
      try {
        pipeline = new Pipeline(p, model, "int8", source, engine, labels, seq,
            r -> outbox.enqueue(p.name(), r.seq(), topic, qos, ResultPayload.encode(config.device().id(), r)));
      } catch (IllegalArgumentException e) {
        throw new StartupException(e.getMessage(), e);
      }
      pipelines.add(pipeline);
      loops.add(pipeline);
    }
    return loops;
  }

  private Map<String, CommandHandler> commandHandlers() {
    Map<String, CommandHandler> handlers = new LinkedHashMap<>();
    handlers.put("ping", new PingCommand(Clock.systemUTC()));
    handlers.put("status", CommandHandler.withSchema(CommandSchema.empty(), request -> status.build(pipelines, outbox.stats())));
    handlers.put("config/get", CommandHandler.withSchema(CommandSchema.empty(), request -> {
      var reply = new ObjectMapper().createObjectNode();
      reply.set("config", ConfigRedactor.toJson(config));
      return reply;
    }));
    return handlers;
  }

  private void publishStatus() {
    if (!publisher.isConnected()) {
      return; // the retained status is stale meanwhile; availability says why, once
    }
    try {
      publisher.publish(topics.status(), new ObjectMapper().writeValueAsBytes(status.build(pipelines, outbox.stats())), 1, true);
    } catch (Exception e) {
      LOG.warning("status not published: " + e.getMessage());
    }
  }

  /** Pipelines currently running (for tests and the demo). */
  public List<Pipeline> pipelines() {
    return List.copyOf(pipelines);
  }

  /**
   * Stops intake, lets each pipeline finish and publish its window in flight, publishes a final
   * status and {@code stopped}, then disconnects and releases models and sensors.
   */
  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    pipelines.forEach(Pipeline::stop);
    long deadline = System.currentTimeMillis() + PIPELINE_STOP_MILLIS;
    for (Thread t : threads) {
      try {
        t.join(Math.max(1, deadline - System.currentTimeMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        LOG.warning(t.getName() + " did not finish its window within " + PIPELINE_STOP_MILLIS + " ms");
      }
    }
    if (heartbeat != null) {
      heartbeat.shutdownNow();
    }
    if (outbox != null) {
      outbox.close(publisher == null ? 0 : OUTBOX_FLUSH_MILLIS);
    }
    if (publisher != null) {
      publishStatus();
    }
    if (router != null) {
      router.close();
    }
    if (publisher != null) {
      publisher.close();
    }
    // A pipeline still inside native code must keep its interpreter: freeing it now could crash
    // the process. The OS reclaims it when we exit.
    boolean pipelinesDone = threads.stream().noneMatch(Thread::isAlive);
    for (int i = resources.size() - 1; i >= 0 && pipelinesDone; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warning("closing " + resources.get(i) + ": " + e.getMessage());
      }
    }
    if (broker != null) {
      broker.stop();
    }
  }
}
