package dev.edgeinfer.pipeline;

import dev.edgeinfer.engine.InferenceException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The model step of a window, precision-aware: runs the features on the variant selected for
 * this window, then
 * <ul>
 *   <li>escalation: an INT8 classification whose top score is below {@code escalateBelow} is run
 *       again in FP32, and the FP32 answer is the one published, marked escalated (its latency
 *       is the two runs together: that is how long the answer took);
 *   <li>shadow: every {@code shadowEvery}-th window also runs on the other variant, and the two
 *       outputs are compared into the {@link AccuracyMonitor} (an escalated window that is due
 *       for a shadow run reuses the FP32 output it already has).
 * </ul>
 * Shadow runs and escalations need the other variant loaded; until it is, they are skipped.
 * A failure of the extra run costs only the extra run: the primary answer is still published.
 *
 * <p>Not thread-safe: the pipeline thread only.
 */
final class PrecisionStep {
  private static final Logger LOG = Logger.getLogger(PrecisionStep.class.getName());

  /**
   * One window's answer. {@code outputs} belongs to the variant that produced it and is valid
   * until that variant's next run.
   */
  record Outcome(Precision precision, String engine, float[] outputs, long latencyNanos, boolean escalated) {}

  private final String pipeline;
  private final ModelVariants variants;
  private final AccuracyMonitor monitor;
  private final int shadowEvery;
  private final double escalateBelow;
  private final Classifier classifier;
  private long windows;

  /** {@code classifier} is null for a regressor (no escalation; shadow runs compare by mean absolute difference). */
  PrecisionStep(String pipeline, ModelVariants variants, AccuracyMonitor monitor, int shadowEvery, double escalateBelow,
      Classifier classifier) {
    this.pipeline = pipeline;
    this.variants = variants;
    this.monitor = monitor;
    this.shadowEvery = shadowEvery;
    this.escalateBelow = classifier == null ? 0 : escalateBelow;
    this.classifier = classifier;
  }

  /** @throws InferenceException when the selected variant fails: the window has no answer */
  Outcome run(float[] features) {
    ModelVariant primary = variants.forWindow();
    long start = System.nanoTime();
    float[] primaryOut = primary.run(features);
    long latency = System.nanoTime() - start;

    ModelVariant answer = primary;
    float[] answerOut = primaryOut;
    float[] otherOut = null;
    if (escalateBelow > 0 && primary.precision() == Precision.INT8
        && primaryOut[classifier.top(primaryOut)] < escalateBelow) {
      Optional<ModelVariant> fp32 = variants.other(primary);
      if (fp32.isPresent()) {
        long again = System.nanoTime();
        otherOut = runQuietly(fp32.get(), features, "escalation");
        if (otherOut != null) {
          latency += System.nanoTime() - again;
          answer = fp32.get();
          answerOut = otherOut;
          monitor.recordEscalation();
        }
      }
    }
    windows++;
    if (shadowEvery > 0 && windows % shadowEvery == 0) {
      Optional<ModelVariant> other = variants.other(primary);
      if (other.isPresent()) {
        if (otherOut == null) {
          otherOut = runQuietly(other.get(), features, "shadow run");
        }
        if (otherOut != null) {
          compare(primaryOut, otherOut);
        }
      }
    }
    if (classifier != null) {
      monitor.recordTopLabel(classifier.top(answerOut));
    }
    return new Outcome(answer.precision(), answer.engine().kind(), answerOut, latency, answer != primary);
  }

  private void compare(float[] a, float[] b) {
    if (classifier != null) {
      monitor.recordTop1(classifier.top(a) == classifier.top(b));
    } else {
      double sum = 0;
      for (int i = 0; i < a.length; i++) {
        sum += Math.abs(a[i] - b[i]);
      }
      monitor.recordDifference(sum / a.length);
    }
  }

  private float[] runQuietly(ModelVariant v, float[] features, String what) {
    try {
      return v.run(features);
    } catch (InferenceException e) {
      LOG.warning("pipelines." + pipeline + ": " + what + " on " + v.precision().configName() + " failed: "
          + e.getMessage());
      return null;
    }
  }
}
