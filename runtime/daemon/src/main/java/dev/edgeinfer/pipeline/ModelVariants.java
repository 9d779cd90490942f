package dev.edgeinfer.pipeline;

import dev.edgeinfer.engine.ModelLoadException;
import java.util.Optional;

/**
 * A pipeline's model in both precisions, and which one the next window runs on.
 *
 * <p>The switch is one volatile write ({@link #select}, on the policy's thread) and one volatile
 * read per window ({@link #forWindow}, on the pipeline thread): the pipeline reads the selection
 * once at the start of a window and runs the whole window (encode, invoke, decode) on that
 * variant, so no window is dropped, run twice, or run half on each. A selection made while a
 * window is in flight takes effect at the next one.
 *
 * <p>The FP32 variant is either loaded up front or, with lazy loading, by {@link #loadFp32()} on
 * the policy's thread, never on the pipeline thread (a load takes milliseconds to seconds). The
 * volatile field publishes the loaded engine safely; from then on only the pipeline thread uses
 * it. {@link #close()} must come after the pipeline thread has finished.
 */
public final class ModelVariants implements AutoCloseable {

  /** Loads the FP32 variant when first needed; called at most once, on the policy's thread. */
  @FunctionalInterface
  public interface Fp32Loader {
    ModelVariant load() throws ModelLoadException;
  }

  private final ModelVariant int8;
  private final Fp32Loader loader;
  private final SwitchTimes switchTimes = new SwitchTimes();
  private volatile ModelVariant fp32;
  private volatile ModelVariant selected;
  private volatile long selectedAtNanos;
  private ModelVariant lastRun; // pipeline thread only
  private boolean closed; // guarded by this

  private ModelVariants(ModelVariant int8, ModelVariant fp32, Fp32Loader loader) {
    if (int8.precision() != Precision.INT8 || (fp32 != null && fp32.precision() != Precision.FP32)) {
      throw new IllegalArgumentException("variants must be given as int8, fp32");
    }
    this.int8 = int8;
    this.fp32 = fp32;
    this.loader = loader;
    this.selected = int8;
    if (fp32 != null) {
      checkTwins(int8, fp32);
    }
  }

  /** Only the INT8 variant: the model has no FP32 file. */
  public static ModelVariants int8Only(ModelVariant int8) {
    return new ModelVariants(int8, null, null);
  }

  /** Both loaded now. */
  public static ModelVariants both(ModelVariant int8, ModelVariant fp32) {
    return new ModelVariants(int8, fp32, null);
  }

  /** INT8 now, FP32 when {@link #loadFp32()} is first called. */
  public static ModelVariants lazy(ModelVariant int8, Fp32Loader loader) {
    return new ModelVariants(int8, null, loader);
  }

  /** Pipeline thread: the variant for the window about to run. Read once per window. */
  public ModelVariant forWindow() {
    ModelVariant v = selected;
    if (v != lastRun) {
      if (lastRun != null) {
        switchTimes.record(System.nanoTime() - selectedAtNanos);
      }
      lastRun = v;
    }
    return v;
  }

  /** Pipeline thread: the loaded variant that is not {@code v}, for a shadow run or an escalation. */
  public Optional<ModelVariant> other(ModelVariant v) {
    return Optional.ofNullable(v == int8 ? fp32 : int8);
  }

  /** Any thread: the variant the next window runs on. Needs FP32 loaded to select it. */
  public void select(Precision precision) {
    ModelVariant v = precision == Precision.INT8 ? int8 : fp32;
    if (v == null) {
      throw new IllegalStateException(hasFp32() ? "the fp32 variant is not loaded yet" : "the model has no fp32 variant");
    }
    selectedAtNanos = System.nanoTime();
    selected = v;
  }

  public Precision selected() {
    return selected.precision();
  }

  public boolean hasFp32() {
    return fp32 != null || loader != null;
  }

  public boolean fp32Loaded() {
    return fp32 != null;
  }

  public ModelVariant int8() {
    return int8;
  }

  /**
   * Policy thread: loads the FP32 variant if it is not loaded yet. Idempotent. A failed load
   * leaves it unloaded (and a later call tries again).
   */
  public synchronized ModelVariant loadFp32() throws ModelLoadException {
    if (closed) {
      // A model update replaced this model while the policy was deciding: load nothing that would leak.
      throw new IllegalStateException("the model was replaced by an update");
    }
    if (fp32 == null) {
      if (loader == null) {
        throw new IllegalStateException("the model has no fp32 variant");
      }
      ModelVariant loaded = loader.load();
      try {
        checkTwins(int8, loaded);
      } catch (IllegalArgumentException e) {
        loaded.engine().close();
        throw e;
      }
      fp32 = loaded;
    }
    return fp32;
  }

  /** How long selections took to reach the pipeline thread. */
  public SwitchTimes switchTimes() {
    return switchTimes;
  }

  /** Closes both engines, once. Only after the pipeline thread has stopped running them. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    int8.engine().close();
    if (fp32 != null) {
      fp32.engine().close();
    }
  }

  private static void checkTwins(ModelVariant int8, ModelVariant fp32) {
    if (int8.inputElements() != fp32.inputElements() || int8.outputElements() != fp32.outputElements()) {
      throw new IllegalArgumentException("the fp32 model takes " + fp32.inputElements() + " inputs and gives "
          + fp32.outputElements() + " outputs, but its int8 twin takes " + int8.inputElements() + " and gives "
          + int8.outputElements() + "; they must be two precisions of one model");
    }
  }
}
