package dev.edgeinfer.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgeinfer.config.ModelConfig;
import dev.edgeinfer.config.PolicyConfig;
import dev.edgeinfer.engine.ModelLoadException;
import dev.edgeinfer.system.SystemProbe;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The device's precision policy: one {@link PrecisionController} per pipeline whose model has an
 * FP32 twin, the device signals they share, a round every {@code policy.intervalMillis} on the
 * {@code precision-policy} thread, and the cost benchmarks (at start on the {@code
 * precision-benchmark} thread, on request on the caller's).
 *
 * <p>{@link #start()} runs the first round on the caller's thread before returning, so the first
 * window already runs at the precision the policy wants. Thread-safe; {@link #close()} stops
 * both threads.
 */
public final class PrecisionPolicy implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(PrecisionPolicy.class.getName());

  /** A pipeline under the policy and the model files its benchmark loads. */
  public record Member(PrecisionController controller, ModelConfig model) {}

  /** Per pipeline, the model an update swapped in, for the benchmark (members keep the one at start). */
  private final Map<String, ModelConfig> swapped = new java.util.concurrent.ConcurrentHashMap<>();

  private final PolicyConfig config;
  private final DeviceSignals signals;
  private final Map<String, Member> members;
  private final Map<String, String> int8Only;
  private final SystemProbe probe;
  private final Object benchmarkLock = new Object();
  private ScheduledExecutorService rounds;
  private ExecutorService benchmarks;

  /**
   * @param int8Only pipelines whose model has no FP32 file (pipeline → model), so that commands
   *     naming one can say why it cannot switch
   */
  public PrecisionPolicy(PolicyConfig config, DeviceSignals signals, List<Member> members,
      Map<String, String> int8Only, SystemProbe probe) {
    this.config = config;
    this.signals = signals;
    Map<String, Member> m = new LinkedHashMap<>();
    members.forEach(member -> m.put(member.controller().pipeline(), member));
    this.members = Collections.unmodifiableMap(m);
    this.int8Only = Map.copyOf(int8Only);
    this.probe = probe;
  }

  public synchronized void start() {
    round();
    benchmarks = Executors.newSingleThreadExecutor(r -> daemonThread(r, "precision-benchmark"));
    for (Member member : members.values()) {
      if (member.controller().config().benchmarkAtStart()) {
        benchmarks.execute(() -> {
          try {
            benchmark(member.controller().pipeline());
          } catch (Exception e) {
            LOG.warning("pipelines." + member.controller().pipeline() + ": cost benchmark failed: " + e.getMessage());
          }
        });
      }
    }
    rounds = Executors.newSingleThreadScheduledExecutor(r -> daemonThread(r, "precision-policy"));
    rounds.scheduleWithFixedDelay(this::round, config.intervalMillis(), config.intervalMillis(), TimeUnit.MILLISECONDS);
  }

  /** Reads the signals once and evaluates every pipeline. A failing pipeline does not stop the others. */
  public void round() {
    DeviceSignals.Snapshot s = signals.sample();
    for (Member m : members.values()) {
      try {
        m.controller().evaluate(s);
      } catch (RuntimeException e) {
        LOG.warning("pipelines." + m.controller().pipeline() + ": precision policy round failed: " + e);
      }
    }
  }

  /** Measures the pipeline's two variants now (fresh copies, off the pipeline thread) and keeps the result. */
  public MeasuredCosts benchmark(String pipeline) throws ModelLoadException, IOException {
    Member m = members.get(pipeline);
    if (m == null) {
      throw new IllegalArgumentException("no pipeline " + pipeline + " under the precision policy");
    }
    synchronized (benchmarkLock) { // two benchmarks at once would each measure the other
      MeasuredCosts costs = CostBenchmark.measure(swapped.getOrDefault(pipeline, m.model()), m.controller().config().benchmarkRuns(), probe);
      m.controller().setCosts(costs);
      LOG.info(String.format(java.util.Locale.ROOT,
          "pipelines.%s: measured latency p50/p99 int8 %.4f/%.4f ms, fp32 %.4f/%.4f ms", pipeline,
          costs.int8().latencyP50Ms(), costs.int8().latencyP99Ms(), costs.fp32().latencyP50Ms(),
          costs.fp32().latencyP99Ms()));
      return costs;
    }
  }

  /**
   * A model update is about to run {@code model} (as {@code variants}) on {@code pipeline}: the
   * controller switches those variants from now on, and benchmarks load its files. No-op for a
   * pipeline outside the policy.
   *
   * @throws IllegalArgumentException when the pipeline is under the policy and {@code variants} has no FP32
   */
  public void modelSwapped(String pipeline, ModelConfig model, dev.edgeinfer.pipeline.ModelVariants variants) {
    Member m = members.get(pipeline);
    if (m != null) {
      m.controller().follow(variants);
      swapped.put(pipeline, model);
      m.controller().setCosts(null); // measured on the old model
    }
  }

  /** Whether {@code pipeline} is under the policy (its model must keep an FP32 variant across updates). */
  public boolean governs(String pipeline) {
    return members.containsKey(pipeline);
  }

  public Optional<PrecisionController> controller(String pipeline) {
    return Optional.ofNullable(members.get(pipeline)).map(Member::controller);
  }

  /** Pipelines under the policy, in config order. */
  public List<String> pipelines() {
    return List.copyOf(members.keySet());
  }

  /** The model of a pipeline that has no FP32 variant, if {@code pipeline} is one. */
  public Optional<String> int8OnlyModel(String pipeline) {
    return Optional.ofNullable(int8Only.get(pipeline));
  }

  public DeviceSignals signals() {
    return signals;
  }

  /** Adds {@code policy} to each pipeline of a status document, and the device's power and thermal readings. */
  public void addStatus(ObjectNode status) {
    members.forEach((name, m) -> {
      if (status.path("pipelines").get(name) instanceof ObjectNode node) {
        node.set("policy", PolicyStatus.pipeline(m.controller()));
      }
    });
    PolicyStatus.device(status, signals.latest());
  }

  @Override
  public synchronized void close() {
    for (ExecutorService e : new ExecutorService[] {rounds, benchmarks}) {
      if (e != null) {
        e.shutdownNow();
        try {
          e.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static Thread daemonThread(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
