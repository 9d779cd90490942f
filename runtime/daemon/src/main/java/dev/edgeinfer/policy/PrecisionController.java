package dev.edgeinfer.policy;

import dev.edgeinfer.config.PolicyConfig;
import dev.edgeinfer.config.PrecisionConfig;
import dev.edgeinfer.config.PrecisionConfig.Fp32Loading;
import dev.edgeinfer.config.PrecisionConfig.Mode;
import dev.edgeinfer.engine.ModelLoadException;
import dev.edgeinfer.pipeline.AccuracyMonitor;
import dev.edgeinfer.pipeline.ModelVariants;
import dev.edgeinfer.pipeline.Precision;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.logging.Logger;

/**
 * The precision policy of one pipeline: each {@link #evaluate} takes the device signals, the
 * pipeline's accuracy and costs, any remote override, decides the precision, and switches the
 * pipeline's {@link ModelVariants} when it must, announcing each switch exactly once.
 *
 * <p>Order of authority: a remote override (until it expires); then a pinned {@code
 * precision.mode}; then the {@link PrecisionRules}. Switches the rules ask for wait out the
 * minimum dwell time since the last switch, except urgent ones (FP32 no longer allowed); an
 * override being set, cleared or expiring also skips the wait once.
 *
 * <p>Thread-safe: the policy's thread evaluates every interval, the command thread sets
 * overrides and benchmarks, the status thread reads; all state is guarded by this object's lock,
 * and the switch listener is called under it so that events leave in the order of the switches.
 */
public final class PrecisionController {
  private static final Logger LOG = Logger.getLogger(PrecisionController.class.getName());

  private final String pipeline;
  private volatile ModelVariants variants; // replaced by follow() when a model update swaps the model
  private final AccuracyMonitor monitor;
  private final PrecisionConfig config;
  private final PrecisionRules rules;
  private final long dwellNanos;
  private final List<String> labels;
  private final List<Integer> watched;
  private final PolicyClock clock;
  private final SwitchListener listener;

  private PrecisionOverride override;
  private boolean overrideChanged;
  private boolean hasSwitched;
  private long lastSwitchNanos;
  private PrecisionSwitch lastSwitch;
  private long switches;
  private String pending;
  private String error;
  private MeasuredCosts costs;
  private PrecisionRules.Verdict lastVerdict;

  /**
   * @param labels the model's labels in output order ({@code class0...} when it has none); the
   *     watched labels of {@code precision.worth.labels} must be among them
   */
  public PrecisionController(String pipeline, ModelVariants variants, AccuracyMonitor monitor, PolicyConfig policy,
      PrecisionConfig config, List<String> labels, PolicyClock clock, SwitchListener listener) {
    if (!variants.hasFp32()) {
      throw new IllegalArgumentException("pipelines." + pipeline + ": the precision policy needs an fp32 variant");
    }
    this.pipeline = pipeline;
    this.variants = variants;
    this.monitor = monitor;
    this.config = config;
    this.rules = new PrecisionRules(policy, config);
    this.dwellNanos = Math.round(policy.minDwellSeconds() * 1e9);
    this.labels = List.copyOf(labels);
    this.clock = clock;
    this.listener = listener;
    List<Integer> w = new ArrayList<>();
    for (int i = 0; i < config.worth().labels().size(); i++) {
      String label = config.worth().labels().get(i);
      int index = labels.indexOf(label);
      if (index < 0) {
        throw new IllegalArgumentException("pipelines." + pipeline + ".precision.worth.labels[" + i + "]: no label \""
            + label + "\" in the model's labels (" + String.join(", ", labels) + ")");
      }
      w.add(index);
    }
    this.watched = List.copyOf(w);
  }

  public String pipeline() {
    return pipeline;
  }

  public ModelVariants variants() {
    return variants;
  }

  /**
   * A model update swapped the pipeline's model: from now on the policy switches {@code next}.
   * The precision in force carries over when {@code next} can run it (its FP32 is loaded, or
   * loads now); otherwise the pipeline restarts on INT8 and the policy's next round decides
   * again. Call before the pipeline runs {@code next}, so that its first window is already at the
   * right precision.
   *
   * @throws IllegalArgumentException when {@code next} has no FP32 variant (the policy needs one)
   */
  public synchronized void follow(ModelVariants next) {
    if (!next.hasFp32()) {
      throw new IllegalArgumentException("pipelines." + pipeline + ": the precision policy needs an fp32 variant");
    }
    Precision current = variants.selected();
    variants = next;
    if (current == Precision.FP32 && ensureFp32()) {
      next.select(Precision.FP32);
    }
  }

  public AccuracyMonitor accuracy() {
    return monitor;
  }

  public PrecisionConfig config() {
    return config;
  }

  /** One policy round. Returns the switch it made, if any. */
  public synchronized Optional<PrecisionSwitch> evaluate(DeviceSignals.Snapshot signals) {
    long now = clock.nanoTime();
    long nowMillis = clock.epochMillis(); // the event's ts: the moment of the decision, like the dwell's start
    boolean skipDwell = overrideChanged;
    overrideChanged = false;
    String prefix = "";
    if (override != null && override.expired(now)) {
      override = null;
      skipDwell = true;
      prefix = "remote override expired; ";
    }
    loadForAccuracyIfNeeded();
    Precision current = variants.selected();
    PrecisionRules.Verdict v;
    if (override != null) {
      v = new PrecisionRules.Verdict(override.precision(), "remote override" + until(override), true);
    } else if (config.mode() != Mode.AUTO) {
      Precision pinned = config.mode() == Mode.FP32 ? Precision.FP32 : Precision.INT8;
      v = new PrecisionRules.Verdict(pinned, "precision.mode is " + config.mode().configName(), true);
    } else {
      v = rules.decide(new PrecisionRules.Inputs(current, signals, monitor.snapshot(), watchedLabel(now),
          Optional.ofNullable(costs)));
    }
    lastVerdict = v;
    if (v.target() == current) {
      pending = null;
      return Optional.empty();
    }
    if (!v.urgent() && !skipDwell && hasSwitched && now - lastSwitchNanos < dwellNanos) {
      pending = String.format(java.util.Locale.ROOT, "%s in %.1f s (minimum dwell): %s", v.target().configName(),
          (dwellNanos - (now - lastSwitchNanos)) / 1e9, prefix + v.reason());
      return Optional.empty();
    }
    pending = null;
    return switchTo(current, v.target(), prefix + v.reason(), now, nowMillis);
  }

  /**
   * Sets ({@code precision} present) or clears (empty: back to the policy) the remote override,
   * for {@code forSeconds} or for good, and applies it at once.
   */
  public synchronized Optional<PrecisionSwitch> override(Optional<Precision> precision, OptionalDouble forSeconds,
      DeviceSignals.Snapshot signals) {
    if (precision.isPresent()) {
      OptionalLong untilNanos = OptionalLong.empty();
      OptionalLong untilMillis = OptionalLong.empty();
      if (forSeconds.isPresent()) {
        long nanos = Math.round(forSeconds.getAsDouble() * 1e9);
        // Wall clock first: the expiry, timed on the monotonic clock, then never comes before "until".
        untilMillis = OptionalLong.of(clock.epochMillis() + nanos / 1_000_000);
        untilNanos = OptionalLong.of(clock.nanoTime() + nanos);
      }
      override = new PrecisionOverride(precision.get(), untilNanos, untilMillis);
    } else {
      override = null;
    }
    overrideChanged = true;
    return evaluate(signals);
  }

  /** The override in force, if any. */
  public synchronized Optional<PrecisionOverride> currentOverride() {
    return Optional.ofNullable(override);
  }

  public synchronized void setCosts(MeasuredCosts measured) {
    this.costs = measured;
  }

  public synchronized Optional<MeasuredCosts> costs() {
    return Optional.ofNullable(costs);
  }

  synchronized Snapshot snapshot() {
    return new Snapshot(variants.selected(), config.mode(), Optional.ofNullable(override), variants.fp32Loaded(),
        switches, Optional.ofNullable(lastSwitch), Optional.ofNullable(pending), Optional.ofNullable(error),
        Optional.ofNullable(costs), Optional.ofNullable(lastVerdict).map(PrecisionRules.Verdict::reason));
  }

  /** A consistent view for status. */
  record Snapshot(Precision precision, Mode mode, Optional<PrecisionOverride> override, boolean fp32Loaded,
      long switches, Optional<PrecisionSwitch> lastSwitch, Optional<String> pending, Optional<String> error,
      Optional<MeasuredCosts> costs, Optional<String> lastReason) {}

  private Optional<PrecisionSwitch> switchTo(Precision from, Precision to, String reason, long now, long nowMillis) {
    if (to == Precision.FP32 && !ensureFp32()) {
      return Optional.empty();
    }
    variants.select(to);
    hasSwitched = true;
    lastSwitchNanos = now;
    switches++;
    PrecisionSwitch event = new PrecisionSwitch(pipeline, from, to, reason, nowMillis);
    lastSwitch = event;
    LOG.info("pipelines." + pipeline + ": precision " + from.configName() + " -> " + to.configName() + ": " + reason);
    try {
      listener.switched(event);
    } catch (Exception e) {
      LOG.warning("pipelines." + pipeline + ": precision event not published: " + e.getMessage());
    }
    return Optional.of(event);
  }

  /** Lazy loading: shadow runs and escalation need FP32 in memory, so they count as needing it. */
  private void loadForAccuracyIfNeeded() {
    boolean accuracyNeedsIt = config.shadowEvery() > 0 || config.escalateBelow() > 0;
    if (config.fp32Loading() == Fp32Loading.LAZY && accuracyNeedsIt && !variants.fp32Loaded() && error == null) {
      ensureFp32();
    }
  }

  private boolean ensureFp32() {
    try {
      variants.loadFp32();
      error = null;
      return true;
    } catch (ModelLoadException | IllegalArgumentException e) {
      if (!e.getMessage().equals(error)) {
        LOG.warning("pipelines." + pipeline + ": fp32 variant not loaded, staying on int8: " + e.getMessage());
      }
      error = e.getMessage();
      return false;
    }
  }

  private Optional<String> watchedLabel(long now) {
    long hold = Math.round(config.worth().labelHoldSeconds() * 1e9);
    for (int index : watched) {
      OptionalLong seen = monitor.labelLastSeenNanos(index);
      if (seen.isPresent() && now - seen.getAsLong() <= hold) {
        return Optional.of(labels.get(index));
      }
    }
    return Optional.empty();
  }

  private static String until(PrecisionOverride o) {
    return o.untilMillis().isPresent() ? " until " + java.time.Instant.ofEpochMilli(o.untilMillis().getAsLong()) : "";
  }
}
