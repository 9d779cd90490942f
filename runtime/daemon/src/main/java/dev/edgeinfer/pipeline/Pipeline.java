package dev.edgeinfer.pipeline;

import dev.edgeinfer.config.ModelConfig;
import dev.edgeinfer.config.PipelineConfig;
import dev.edgeinfer.config.PipelineConfig.OutputKind;
import dev.edgeinfer.engine.InferenceEngine;
import dev.edgeinfer.engine.InferenceException;
import dev.edgeinfer.publish.SequenceStore;
import dev.edgeinfer.sensor.Sample;
import dev.edgeinfer.sensor.SensorSource;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One pipeline's loop, on its own thread: samples → windows → features → model (INT8 or FP32,
 * as {@link ModelVariants} selects per window; see {@link PrecisionStep}) → result → sink.
 * {@link #stop()} ends intake; the window in flight is finished and handed to the sink before
 * {@link #run()} returns, so nothing accepted is dropped.
 */
public final class Pipeline implements Runnable {
  private static final Logger LOG = Logger.getLogger(Pipeline.class.getName());

  private final PipelineConfig config;
  private final SensorSource source;
  private final ModelSlot slot;
  private final AccuracyMonitor monitor;
  private final Windower windower;
  private final FeatureExtractor features;
  private final float[] featureVector;
  private final SequenceStore sequence;
  private final ResultSink sink;
  private final PipelineStats stats = new PipelineStats();
  private final SensorReader reader;
  private final Heartbeat heartbeat = new Heartbeat(System::nanoTime);
  private final StallForTests stall = new StallForTests();

  /** A pipeline on one INT8 engine, without the precision policy (a model without an FP32 twin). */
  public Pipeline(PipelineConfig config, ModelConfig model, String precision, SensorSource source,
      InferenceEngine engine, List<String> labels, SequenceStore sequence, ResultSink sink) {
    this(config, model, source, single(precision, engine), null, labels, sequence, sink, SensorEventSink.NONE,
        RetryPolicy.DEFAULT);
  }

  /** One INT8 engine, with sensor outages reported to {@code events} and reads retried by {@code retry}. */
  public Pipeline(PipelineConfig config, ModelConfig model, String precision, SensorSource source,
      InferenceEngine engine, List<String> labels, SequenceStore sequence, ResultSink sink, SensorEventSink events,
      RetryPolicy retry) {
    this(config, model, source, single(precision, engine), null, labels, sequence, sink, events, retry);
  }

  /** Both variants under the precision policy; sensor outages are only logged. */
  public Pipeline(PipelineConfig config, ModelConfig model, SensorSource source, ModelVariants variants,
      AccuracyMonitor monitor, List<String> labels, SequenceStore sequence, ResultSink sink) {
    this(config, model, source, variants, monitor, labels, sequence, sink, SensorEventSink.NONE, RetryPolicy.DEFAULT);
  }

  /**
   * @param monitor where shadow runs, escalations and top labels are recorded; null for one made
   *     here from the config (the policy then cannot see it)
   * @param events told of each sensor outage and recovery
   * @param retry how failed sensor reads are retried
   */
  public Pipeline(PipelineConfig config, ModelConfig model, SensorSource source, ModelVariants variants,
      AccuracyMonitor monitor, List<String> labels, SequenceStore sequence, ResultSink sink, SensorEventSink events,
      RetryPolicy retry) {
    this.reader = new SensorReader(source,
        new SensorHealth(source.name(), config.name(), retry, events, java.time.Clock.systemUTC()), heartbeat);
    this.config = config;
    this.source = source;
    this.sequence = sequence;
    this.sink = sink;
    int channels = source.channels().size();
    this.windower = new Windower(config.window().size(), config.window().hop(), channels);
    this.features = new FeatureExtractor(config.preprocessing(), config.window().size(), channels);
    this.featureVector = new float[features.featureCount()];
    if (variants.int8().engine().outputs().isEmpty()) {
      throw new IllegalArgumentException("pipelines." + config.name() + ".model: " + model.name()
          + " has no outputs; a pipeline reads the first output");
    }
    this.monitor = monitor != null ? monitor
        : monitorFor(config, variants.int8().engine().outputs().get(0).elementCount());
    this.slot = new ModelSlot(ActiveModel.fit(config, model, variants, labels, features.featureCount(), this.monitor));
  }

  /** The monitor a pipeline of this config records into: top-1 agreement for a classifier, else mean difference. */
  public static AccuracyMonitor monitorFor(PipelineConfig config, int outputs) {
    return monitorFor(config, outputs, System::nanoTime);
  }

  public static AccuracyMonitor monitorFor(PipelineConfig config, int outputs, java.util.function.LongSupplier nanoTime) {
    return new AccuracyMonitor(config.output() == OutputKind.CLASSIFICATION ? AccuracyMonitor.Metric.TOP1
        : AccuracyMonitor.Metric.MEAN_ABS_DIFF, config.precision().agreementWindow(), outputs, nanoTime);
  }

  private static ModelVariants single(String precision, InferenceEngine engine) {
    if (Precision.fromConfigName(precision) != Precision.INT8) {
      throw new IllegalArgumentException("a single-engine pipeline runs the int8 model; use ModelVariants for fp32");
    }
    return ModelVariants.int8Only(new ModelVariant(Precision.INT8, engine));
  }

  public String name() {
    return config.name();
  }

  public PipelineStats stats() {
    return stats;
  }

  /** The model (and version) the next window runs. */
  public ModelConfig model() {
    return slot.current().model();
  }

  /** The precision the next window runs at. */
  public String precision() {
    return slot.current().variants().selected().configName();
  }

  public String engineKind() {
    return slot.current().variants().int8().engine().kind();
  }

  public ModelVariants variants() {
    return slot.current().variants();
  }

  public PipelineConfig config() {
    return config;
  }

  /** Where this pipeline's model can be swapped between windows; it owns (and closes) every model it held. */
  public ModelSlot slot() {
    return slot;
  }

  /**
   * A model checked against this pipeline (input = this pipeline's feature count, labels = outputs),
   * ready for {@link ModelSlot#swap}; the precision monitor stays the pipeline's.
   *
   * @throws IllegalArgumentException when it does not fit, naming what differs
   */
  public ActiveModel fit(ModelConfig model, ModelVariants variants, List<String> labels) {
    return ActiveModel.fit(config, model, variants, labels, features.featureCount(), monitor);
  }

  public AccuracyMonitor accuracy() {
    return monitor;
  }

  /** The source this pipeline reads (its name and sampling statistics for {@code status}). */
  public SensorSource source() {
    return source;
  }

  public SensorHealth.Snapshot sensorHealth() {
    return reader.health();
  }

  /** This loop's sign of life, for the systemd watchdog. */
  public Heartbeat heartbeat() {
    return heartbeat;
  }

  /** Ends intake. The window in flight, if any, is still finished and handed to the sink. */
  public void stop() {
    reader.stop();
    stall.release();
  }

  @Override
  public void run() {
    long windows = 0;
    // Not in a finally: a loop that dies of an exception must look stuck to the watchdog.
    while (true) {
      Sample sample;
      try {
        // A failed read drops the window in progress (none may span the gap); nothing else stops.
        sample = reader.next(windower::reset);
        if (sample == null) {
          heartbeat.finish();
          return;
        }
        if (windower.add(sample.epochMillis(), sample.values())) {
          process(windower.lastTimestamp());
          stall.after(++windows, config.name());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        heartbeat.finish();
        return;
      }
    }
  }

  private void process(long windowEndMillis) {
    features.extract(windower.window(), featureVector);
    ActiveModel active = slot.forWindow(); // one version for the whole window
    ModelConfig model = active.model();
    Classifier classifier = active.classifier();
    InferenceObserver observer = slot.observer();
    PrecisionStep.Outcome outcome;
    try {
      outcome = active.step().run(featureVector);
    } catch (InferenceException e) {
      stats.recordError();
      observer.failed(model, e);
      LOG.warning("pipelines." + config.name() + ": " + e.getMessage());
      return;
    }
    long latency = outcome.latencyNanos();
    float[] scores = outcome.outputs();
    observer.inferred(model, scores);
    String precision = outcome.precision().configName();
    long seq = sequence.next();
    stats.recordInference(latency, seq);
    InferenceResult result;
    if (classifier != null) {
      int top = classifier.top(scores);
      result = new InferenceResult(config.name(), seq, windowEndMillis, model.name(), model.version(), precision,
          outcome.engine(), latency / 1e6, classifier.label(top), scores[top], classifier.named(scores), null,
          outcome.escalated());
    } else {
      result = new InferenceResult(config.name(), seq, windowEndMillis, model.name(), model.version(), precision,
          outcome.engine(), latency / 1e6, null, 0, Map.of(), scores.clone(), false);
    }
    try {
      sink.accept(result);
    } catch (Exception e) {
      stats.recordError();
      LOG.log(Level.WARNING, "pipelines." + config.name() + ": result " + seq + " not delivered: " + e.getMessage());
    }
  }
}
