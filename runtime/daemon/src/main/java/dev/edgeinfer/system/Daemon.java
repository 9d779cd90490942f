package dev.edgeinfer.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgeinfer.action.ResultActions;
import dev.edgeinfer.broker.EmbeddedBroker;
import dev.edgeinfer.config.ConfigRedactor;
import dev.edgeinfer.config.EdgeConfig;
import dev.edgeinfer.config.ModelConfig;
import dev.edgeinfer.config.PipelineConfig;
import dev.edgeinfer.engine.Engines;
import dev.edgeinfer.engine.InferenceEngine;
import dev.edgeinfer.hardware.Hardware;
import dev.edgeinfer.pipeline.Pipeline;
import dev.edgeinfer.pipeline.RetryPolicy;
import dev.edgeinfer.pipeline.SensorMonitor;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgeinfer.pipeline.AccuracyMonitor;
import dev.edgeinfer.pipeline.Heartbeat;
import dev.edgeinfer.pipeline.ModelVariants;
import dev.edgeinfer.pipeline.Pipeline;
import dev.edgeinfer.policy.DeviceSignals;
import dev.edgeinfer.policy.PolicyClock;
import dev.edgeinfer.policy.PrecisionBenchmarkCommand;
import dev.edgeinfer.policy.PrecisionController;
import dev.edgeinfer.policy.PrecisionPolicy;
import dev.edgeinfer.policy.PrecisionSetCommand;
import dev.edgeinfer.policy.PrecisionSwitch;
import dev.edgeinfer.policy.VariantsLoader;
import dev.edgeinfer.publish.CommandHandler;
import dev.edgeinfer.publish.CommandRouter;
import dev.edgeinfer.publish.CommandSchema;
import dev.edgeinfer.homeassistant.HomeAssistantDiscovery;
import dev.edgeinfer.outbox.Outbox;
import dev.edgeinfer.publish.PingCommand;
import dev.edgeinfer.publish.Publisher;
import dev.edgeinfer.publish.Publishers;
import dev.edgeinfer.publish.ResultPayload;
import dev.edgeinfer.publish.SensorEventPayload;
import dev.edgeinfer.publish.SequenceStore;
import dev.edgeinfer.publish.Topics;
import dev.edgeinfer.sensor.SensorSource;
import dev.edgeinfer.systemd.LoopWatchdog;
import dev.edgeinfer.systemd.SystemdNotifier;
import dev.edgeinfer.config.UpdatesConfig;
import dev.edgeinfer.model.BundleVerifier;
import dev.edgeinfer.model.Limits;
import dev.edgeinfer.model.ModelStore;
import dev.edgeinfer.model.StoredVersion;
import dev.edgeinfer.model.TrustedKeys;
import dev.edgeinfer.update.CompletedRequests;
import dev.edgeinfer.update.RollbackCommand;
import dev.edgeinfer.update.ModelSwitcher;
import dev.edgeinfer.update.ModelUpdateCommand;
import dev.edgeinfer.update.UpdateManager;
import dev.edgeinfer.update.UpdateState;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The running daemon: the outbox, broker connection, pipelines on their own threads, the precision
 * policy, the status heartbeat and the command router. {@link #start()} brings them up in order;
 * {@link #stop()} takes them down in reverse: stop the policy, stop intake, finish the windows in
 * flight and hand them to the outbox, let the outbox flush, publish a last status and {@code
 * stopped}, disconnect.
 *
 * <p>Thread-safe for one {@code start()} followed by one {@code stop()} (from a signal handler).
 */
public final class Daemon {
  /** Thread-safe once configured; one for every heartbeat, event and reply. */
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = Logger.getLogger(Daemon.class.getName());
  private static final long CONNECT_TIMEOUT_MILLIS = 30_000;
  private static final long PIPELINE_STOP_MILLIS = 3_000;
  /** How long a clean stop waits for the broker to acknowledge what the outbox holds; the rest waits for the next start. */
  private static final long OUTBOX_FLUSH_MILLIS = 1_500;

  private final EdgeConfig config;
  private final Topics topics;
  private final StatusReport status;
  private final SystemProbe probe = new SystemProbe();
  private final PolicyClock clock = PolicyClock.SYSTEM;
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<Pipeline> pipelines = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final DaemonHardware hardware;
  private EmbeddedBroker broker;
  private Publisher publisher;
  private Outbox outbox;
  private CommandRouter router;
  private PrecisionPolicy policy;
  private ModelStore store;
  private UpdateManager updates;
  private CompletedRequests completed;
  private ModelSwitcher switcher;
  private ScheduledExecutorService heartbeat;
  private final SystemdNotifier systemd;
  private LoopWatchdog watchdog;
  private boolean stopped;

  public Daemon(EdgeConfig config) {
    this(config, null);
  }

  /**
   * With the Pi4J context given rather than opened from {@code hardware:} (tests load register data
   * into mock devices before the daemon opens them). The daemon does not close a given context.
   */
  public Daemon(EdgeConfig config, Hardware hardware) {
    this(config, hardware, SystemdNotifier.NONE);
  }

  /** Telling systemd {@code READY=1}, watchdog pings and {@code STOPPING=1} through {@code systemd}. */
  public Daemon(EdgeConfig config, Hardware hardware, SystemdNotifier systemd) {
    this.systemd = systemd;
    this.config = config;
    this.hardware = new DaemonHardware(config, hardware);
    this.topics = new Topics(config.mqtt().topicPrefix(), config.device().id(), config.device().groups());
    this.status = new StatusReport(config.device().id(), probe);
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
    // An update the process died in (testing or trial) is undone before any model is loaded.
    store = new ModelStore(config.device().stateDir(), config.updates().keepVersions());
    List<dev.edgeinfer.model.Recovery> recovered = store.recover();
    hardware.open();
    List<Runnable> loops = buildPipelines();
    openUpdates();
    String device = config.device().id();
    hardware.openMonitors(
        e -> publisher.publish(topics.sensorEvent(), SensorEventPayload.encode(device, e), 1, false), resources);
    String url = config.mqtt().broker();
    if (config.mqtt().isEmbedded()) {
      broker = new EmbeddedBroker();
      url = broker.start(config.mqtt().embeddedPort());
      LOG.info("embedded MQTT broker listening on " + url);
    }
    publisher = Publishers.open(config.mqtt(), topics, url);
    // Subscribed before the connection: the publisher subscribes on connect, before it announces
    // "online", so a command sent as soon as the device is online is not missed (nor a retained one).
    router = new CommandRouter(publisher, topics, commandHandlers());
    router.start();
    publisher.start(CONNECT_TIMEOUT_MILLIS);
    outbox.start(publisher);
    for (dev.edgeinfer.model.Recovery r : recovered) {
      LOG.warning("model " + r.name() + ": " + r.reason() + "; version " + r.abandonedVersion() + " given up, running "
          + r.restoredVersion().orElse("the config's files"));
      updates.announce(r.requestId().orElse(null), r.name(), r.abandonedVersion(), UpdateState.ROLLED_BACK,
          r.requestId().isPresent() ? "process_died" : "damaged", r.reason() + "; running "
              + r.restoredVersion().map(v -> "version " + v).orElse("the config's files"));
    }
    HomeAssistantDiscovery discovery = new HomeAssistantDiscovery(config.homeAssistant(), topics, config.pipelines(),
        Version.current(), config.device().stateDir());
    resources.add(discovery);
    discovery.start(publisher);
    policy.start(); // its first round picks each pipeline's starting precision, announced on event/precision
    beforeIntake.accept(url);
    for (int i = 0; i < loops.size(); i++) {
      Thread t = new Thread(loops.get(i), "pipeline-" + pipelines.get(i).name());
      threads.add(t);
      t.start();
    }
    for (SensorMonitor m : hardware.monitors()) {
      Thread t = new Thread(m, "sensor-" + m.source().name());
      threads.add(t);
      t.start();
    }
    heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "status-heartbeat");
      t.setDaemon(true);
      return t;
    });
    int interval = config.mqtt().statusIntervalSeconds();
    boolean statusSent = announceReady();
    heartbeat.scheduleAtFixedRate(() -> {
      systemd.status(summary());
      publishStatus();
    }, statusSent ? interval : 0, interval, TimeUnit.SECONDS);
    Map<String, Heartbeat> beats = new LinkedHashMap<>();
    pipelines.forEach(p -> beats.put(p.name(), p.heartbeat()));
    watchdog = LoopWatchdog.start(systemd, beats).orElse(null);
    LOG.info("device " + config.device().id() + ": " + pipelines.size() + " pipeline(s) running, publishing to " + url);
    return url;
  }

  /**
   * Under systemd: publishes the first retained status and waits for the broker's acknowledgement,
   * then sends {@code READY=1}, so that "started" means results can reach the broker (the
   * connection is up and {@code availability = online} went out before it on the same session).
   * Returns whether the status was published. Without a broker's answer within the connect timeout
   * the daemon still reports ready: it runs, and the outbox keeps results until the broker returns.
   */
  private boolean announceReady() {
    if (!systemd.enabled()) {
      return false;
    }
    boolean acknowledged = false;
    try {
      publisher.send(topics.status(), JSON.writeValueAsBytes(statusDocument()), 1, true)
          .get(CONNECT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
      acknowledged = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warning("first status not acknowledged by the broker (" + e + "); reporting ready to systemd anyway");
    }
    systemd.ready(summary());
    return acknowledged;
  }

  /** One line for systemd's STATUS= (shown by {@code systemctl status}). */
  private String summary() {
    long inferences = pipelines.stream().mapToLong(p -> p.stats().inferences()).sum();
    return pipelines.size() + " pipeline(s), " + inferences + " inferences, broker "
        + (publisher.isConnected() ? "connected" : "disconnected") + ", outbox " + outbox.stats().depth();
  }

  /** A sensor no pipeline reads, by name: its latest sample and health (the precision policy's power signal). */
  public Optional<SensorMonitor> monitor(String sensor) {
    return hardware.monitor(sensor);
  }

  private List<Runnable> buildPipelines() throws Exception {
    List<Runnable> loops = new ArrayList<>();
    List<PrecisionPolicy.Member> members = new ArrayList<>();
    Map<String, String> int8Only = new LinkedHashMap<>();
    for (PipelineConfig p : config.pipelines().values().stream()
        .sorted(java.util.Comparator.comparing(PipelineConfig::name)).toList()) {
      ModelConfig model = runningVersion(config.models().get(p.model()));
      ModelVariants variants = VariantsLoader.open(model, p.precision());
      resources.add(variants);
      SensorSource source = hardware.source(config.sensors().get(p.source()));
      resources.add(source);
      SequenceStore seq = outbox.sequence(p.name());
      List<String> labels = model.labels().isPresent()
          ? Files.readAllLines(model.labels().get(), StandardCharsets.UTF_8).stream().map(String::trim)
              .filter(l -> !l.isEmpty()).toList()
          : List.of();
      ResultActions pipelineActions = hardware.actions(p, model, labels);
      String topic = topics.inference(p.name());
      int qos = config.mqtt().qos();
      String device = config.device().id();
      Pipeline pipeline;
      try {
        AccuracyMonitor monitor = Pipeline.monitorFor(p, variants.int8().outputElements(), clock::nanoTime);
        pipeline = new Pipeline(p, model, source, variants, monitor, labels, seq, r -> {
          pipelineActions.accept(r); // local and never throws: a broker outage does not stop the relay
          outbox.enqueue(p.name(), r.seq(), topic, qos, ResultPayload.encode(device, r));
        }, e -> publisher.publish(topics.sensorEvent(), SensorEventPayload.encode(device, e), 1, false),
            RetryPolicy.DEFAULT);
        if (variants.hasFp32()) {
          members.add(new PrecisionPolicy.Member(new PrecisionController(p.name(), variants, monitor, config.policy(),
              p.precision(), labelsOrIndices(labels, variants.int8().outputElements()), clock, this::publishSwitch),
              model));
        } else {
          int8Only.put(p.name(), model.name());
        }
      } catch (IllegalArgumentException e) {
        throw new StartupException(e.getMessage(), e);
      }
      resources.add(pipeline.slot()); // after the variants: closes whatever model an update swapped in
      pipelines.add(pipeline);
      loops.add(pipeline);
    }
    policy = new PrecisionPolicy(config.policy(), DeviceSignals.of(config.policy(), this::monitor), members, int8Only, probe);
    return loops;
  }

  /** The store's active version of {@code configured} (its files, its version), else the config's own files. */
  private ModelConfig runningVersion(ModelConfig configured) throws java.io.IOException {
    Optional<StoredVersion> active = store.active(configured.name());
    if (active.isPresent()) {
      LOG.info("model " + configured.name() + ": running version " + active.get().version() + " from the model store");
      return active.get().toModelConfig(configured);
    }
    return configured;
  }

  /** The update worker and what it needs; the work folder is cleared (a download or chunks a restart cut off). */
  private void openUpdates() throws Exception {
    UpdatesConfig u = config.updates();
    Path dir = config.device().stateDir().resolve("updates");
    Path work = dir.resolve("work");
    dev.edgeinfer.update.Tree.delete(work);
    Files.createDirectories(work);
    completed = new CompletedRequests(dir.resolve("completed"));
    TrustedKeys keys;
    try {
      keys = TrustedKeys.load(u.trustedKeys());
    } catch (java.io.IOException e) {
      throw new StartupException("updates.trustedKeys: " + e.getMessage(), e);
    }
    BundleVerifier verifier = new BundleVerifier(keys, new Limits(u.maxBundleBytes(), u.maxUncompressedBytes(),
        Limits.DEFAULTS.maxEntries()));
    switcher = new ModelSwitcher(pipelines, policy);
    String device = config.device().id();
    updates = new UpdateManager(u, work, store, verifier, config.models(), switcher, event -> {
      try {
        publisher.publish(topics.modelEvent(), JSON.writeValueAsBytes(event.toJson(JSON)), 1, false);
      } catch (Exception e) {
        LOG.warning("device " + device + ": model event not published: " + e.getMessage());
      }
    }, completed, Clock.systemUTC());
    resources.add(updates);
  }

  /** The labels as the classifier names them: the file's, else class0, class1, ... */
  private static List<String> labelsOrIndices(List<String> labels, int outputs) {
    if (!labels.isEmpty()) {
      return labels;
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < outputs; i++) {
      names.add("class" + i);
    }
    return names;
  }

  private void publishSwitch(PrecisionSwitch event) throws Exception {
    publisher.publish(topics.precisionEvent(), JSON.writeValueAsBytes(event.toJson()), 1, false);
  }

  private ObjectNode statusDocument() {
    ObjectNode root = status.build(pipelines, hardware.monitors(), outbox.stats());
    policy.addStatus(root);
    return root;
  }

  private Map<String, CommandHandler> commandHandlers() {
    Map<String, CommandHandler> handlers = new LinkedHashMap<>();
    handlers.put("ping", new PingCommand(Clock.systemUTC()));
    handlers.put("status", CommandHandler.withSchema(CommandSchema.empty(), request -> statusDocument()));
    handlers.put("precision/set", new PrecisionSetCommand(policy));
    handlers.put("precision/benchmark", new PrecisionBenchmarkCommand(policy));
    handlers.put("model/update", new ModelUpdateCommand(updates,
        config.device().stateDir().resolve("updates").resolve("work").resolve("chunks"),
        config.updates().maxBundleBytes(), completed));
    handlers.put("model/rollback", new RollbackCommand(updates, switcher));
    handlers.put("config/get", CommandHandler.withSchema(CommandSchema.empty(), request -> {
      var reply = JSON.createObjectNode();
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
      publisher.publish(topics.status(), JSON.writeValueAsBytes(statusDocument()), 1, true);
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
    systemd.stopping(); // first: systemd knows the stop is ours and waits for it, not a crash
    if (watchdog != null) {
      watchdog.close();
    }
    if (updates != null) {
      updates.close(); // no swap while stopping; an update cut short is rolled back at the next start
    }
    if (policy != null) {
      policy.close(); // no switch while the last windows are finished
    }
    pipelines.forEach(Pipeline::stop);
    hardware.stopMonitors();
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
    // Outputs go safe before anything else can fail, whether or not every pipeline finished.
    hardware.outputsSafe();
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
    if (pipelinesDone) {
      hardware.close();
    }
    if (broker != null) {
      broker.stop();
    }
    systemd.close();
  }
}
