package dev.edgeinfer.update;

import dev.edgeinfer.config.ModelConfig;
import dev.edgeinfer.pipeline.InferenceObserver;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watches a newly activated version's first inferences, on every pipeline that runs it: the trial
 * passes after {@code inferences} good ones or {@code seconds}, whichever comes first, and fails
 * at the first inference that throws or gives a NaN or infinite output. Windows of another
 * version (the last window of the old one) are not counted.
 *
 * <p>Thread-safe: pipeline threads report, the update worker waits.
 */
final class TrialWatch implements InferenceObserver {
  private final String version;
  private final int inferences;
  private final AtomicInteger good = new AtomicInteger();
  private final AtomicReference<String> failure = new AtomicReference<>();
  private final CountDownLatch decided = new CountDownLatch(1);

  TrialWatch(String version, int inferences) {
    this.version = version;
    this.inferences = inferences;
  }

  @Override
  public void inferred(ModelConfig model, float[] outputs) {
    if (!model.version().equals(version)) {
      return;
    }
    for (int i = 0; i < outputs.length; i++) {
      if (!Float.isFinite(outputs[i])) {
        fail("inference " + (good.get() + 1) + " of version " + version + ": output " + i + " is " + outputs[i]);
        return;
      }
    }
    if (good.incrementAndGet() >= inferences) {
      decided.countDown();
    }
  }

  @Override
  public void failed(ModelConfig model, RuntimeException error) {
    if (model.version().equals(version)) {
      fail("inference " + (good.get() + 1) + " of version " + version + " failed: " + error.getMessage());
    }
  }

  private void fail(String why) {
    failure.compareAndSet(null, why);
    decided.countDown();
  }

  /** Waits out the trial; the failure, or null when it passed. */
  String await(double seconds) throws InterruptedException {
    decided.await(Math.round(seconds * 1000), TimeUnit.MILLISECONDS);
    return failure.get();
  }

  int goodInferences() {
    return good.get();
  }
}
