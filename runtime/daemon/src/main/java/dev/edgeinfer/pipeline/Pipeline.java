package dev.edgeinfer.pipeline;

import dev.edgeinfer.config.ModelConfig;
import dev.edgeinfer.config.PipelineConfig;
import dev.edgeinfer.config.PipelineConfig.OutputKind;
import dev.edgeinfer.engine.InferenceEngine;
import dev.edgeinfer.engine.InferenceException;
import dev.edgeinfer.publish.SequenceStore;
import dev.edgeinfer.sensor.Sample;
import dev.edgeinfer.sensor.SensorSource;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One pipeline's loop, on its own thread: samples → windows → features → engine → result → sink.
 * {@link #stop()} ends intake; the window in flight is finished and handed to the sink before
 * {@link #run()} returns, so nothing accepted is dropped.
 */
public final class Pipeline implements Runnable {
  private static final Logger LOG = Logger.getLogger(Pipeline.class.getName());

  private final PipelineConfig config;
  private final ModelConfig model;
  private final String precision;
  private final SensorSource source;
  private final InferenceEngine engine;
  private final Windower windower;
  private final FeatureExtractor features;
  private final float[] featureVector;
  private final InputEncoder encoder;
  private final OutputDecoder decoder;
  private final Classifier classifier;
  private final SequenceStore sequence;
  private final ResultSink sink;
  private final PipelineStats stats = new PipelineStats();
  private final SensorHealth health;
  private final Pause pause = new Pause();
  private volatile boolean stopping;

  public Pipeline(PipelineConfig config, ModelConfig model, String precision, SensorSource source,
      InferenceEngine engine, List<String> labels, SequenceStore sequence, ResultSink sink) {
    this(config, model, precision, source, engine, labels, sequence, sink, SensorEventSink.NONE, RetryPolicy.DEFAULT);
  }

  /**
   * With {@code events} told of each sensor outage and recovery, and failed reads retried by
   * {@code retry}.
   */
  public Pipeline(PipelineConfig config, ModelConfig model, String precision, SensorSource source,
      InferenceEngine engine, List<String> labels, SequenceStore sequence, ResultSink sink, SensorEventSink events,
      RetryPolicy retry) {
    this.health = new SensorHealth(source.name(), config.name(), retry, events, java.time.Clock.systemUTC());
    this.config = config;
    this.model = model;
    this.precision = precision;
    this.source = source;
    this.engine = engine;
    this.sequence = sequence;
    this.sink = sink;
    if (engine.inputs().size() != 1 || engine.outputs().isEmpty()) {
      throw new IllegalArgumentException("pipelines." + config.name() + ".model: " + model.name() + " has "
          + engine.inputs().size() + " inputs and " + engine.outputs().size()
          + " outputs; a pipeline feeds one input tensor and reads the first output");
    }
    int channels = source.channels().size();
    this.windower = new Windower(config.window().size(), config.window().hop(), channels);
    this.features = new FeatureExtractor(config.preprocessing(), config.window().size(), channels);
    this.featureVector = new float[features.featureCount()];
    this.encoder = new InputEncoder(engine.inputs().get(0));
    if (features.featureCount() != encoder.elementCount()) {
      throw new IllegalArgumentException("pipelines." + config.name() + ": preprocessing makes "
          + features.featureCount() + " features but model " + model.name() + " takes " + engine.inputs().get(0));
    }
    this.decoder = new OutputDecoder(engine.outputs().get(0));
    try {
      this.classifier = config.output() == OutputKind.CLASSIFICATION
          ? new Classifier(labels, engine.outputs().get(0).elementCount()) : null;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("models." + model.name() + ".labels: " + e.getMessage(), e);
    }
  }

  public String name() {
    return config.name();
  }

  public PipelineStats stats() {
    return stats;
  }

  public ModelConfig model() {
    return model;
  }

  public String precision() {
    return precision;
  }

  public String engineKind() {
    return engine.kind();
  }

  /** The source this pipeline reads (its name and sampling statistics for {@code status}). */
  public SensorSource source() {
    return source;
  }

  public SensorHealth.Snapshot sensorHealth() {
    return health.snapshot();
  }

  /** Ends intake. The window in flight, if any, is still finished and handed to the sink. */
  public void stop() {
    stopping = true;
    source.close();
    pause.cancel();
  }

  @Override
  public void run() {
    while (!stopping) {
      Sample sample;
      try {
        sample = source.next();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException e) {
        if (stopping) {
          return;
        }
        // Nothing else stops: the window in progress is dropped (none may span the gap) and the
        // read is retried after a growing pause until the sensor answers again.
        windower.reset();
        pause.waitFor(health.failed(e));
        continue;
      }
      if (sample == null) {
        return;
      }
      health.ok();
      if (windower.add(sample.epochMillis(), sample.values())) {
        process(windower.lastTimestamp());
      }
    }
  }

  private void process(long windowEndMillis) {
    features.extract(windower.window(), featureVector);
    encoder.encode(featureVector, engine.input(0));
    long start = System.nanoTime();
    try {
      engine.invoke();
    } catch (InferenceException e) {
      stats.recordError();
      LOG.warning("pipelines." + config.name() + ": " + e.getMessage());
      return;
    }
    long latency = System.nanoTime() - start;
    float[] scores = decoder.decode(engine.output(0));
    long seq = sequence.next();
    stats.recordInference(latency, seq);
    InferenceResult result;
    if (classifier != null) {
      int top = classifier.top(scores);
      result = new InferenceResult(config.name(), seq, windowEndMillis, model.name(), model.version(), precision,
          engine.kind(), latency / 1e6, classifier.label(top), scores[top], classifier.named(scores), null);
    } else {
      result = new InferenceResult(config.name(), seq, windowEndMillis, model.name(), model.version(), precision,
          engine.kind(), latency / 1e6, null, 0, Map.of(), scores.clone());
    }
    try {
      sink.accept(result);
    } catch (Exception e) {
      stats.recordError();
      LOG.log(Level.WARNING, "pipelines." + config.name() + ": result " + seq + " not delivered: " + e.getMessage());
    }
  }
}
