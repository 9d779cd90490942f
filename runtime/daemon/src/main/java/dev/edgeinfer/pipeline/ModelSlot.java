package dev.edgeinfer.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The model a pipeline runs, switchable between two windows (a model update's hot swap). Like
 * {@link ModelVariants} for precision: one volatile write to swap ({@link #swap}, on the update's
 * thread) and one volatile read per window ({@link #forWindow}, on the pipeline thread), so each
 * window runs wholly on one version and none is lost.
 *
 * <p>Ownership: the slot owns every model it has held. A swapped-out model is closed by the
 * pipeline thread itself, at the first window after the swap (only then is it certain that no
 * inference is still inside its engines, which may be native code); models the pipeline thread
 * never moved past are closed by {@link #close()}, which must come after that thread has ended.
 */
public final class ModelSlot implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ModelSlot.class.getName());

  private volatile ActiveModel current;
  private volatile InferenceObserver observer = InferenceObserver.NONE;
  private final List<ActiveModel> retired = new ArrayList<>(); // guarded by this
  private ActiveModel lastRun; // pipeline thread only

  public ModelSlot(ActiveModel initial) {
    this.current = initial;
  }

  /** Any thread: the model the next window runs on. */
  public ActiveModel current() {
    return current;
  }

  /** Pipeline thread: the model for the window about to run; closes the one it replaced. */
  ActiveModel forWindow() {
    ActiveModel m = current;
    if (m != lastRun) {
      closeRetired(); // between windows: no inference is inside any engine now
      lastRun = m;
    }
    return m;
  }

  /** Any thread: the next window runs {@code next}. Returns the model it replaces (still open). */
  public synchronized ActiveModel swap(ActiveModel next) {
    ActiveModel old = current;
    retired.add(old);
    current = next;
    LOG.info("model " + next.model().name() + ": version " + old.model().version() + " -> " + next.model().version());
    return old;
  }

  public void observe(InferenceObserver o) {
    observer = o == null ? InferenceObserver.NONE : o;
  }

  InferenceObserver observer() {
    return observer;
  }

  private synchronized void closeRetired() {
    for (ActiveModel m : retired) {
      if (m != current) {
        m.variants().close();
      }
    }
    retired.clear();
  }

  /** Closes the current model and any replaced one not yet closed. Only after the pipeline thread has ended. */
  @Override
  public synchronized void close() {
    closeRetired();
    current.variants().close();
  }
}
