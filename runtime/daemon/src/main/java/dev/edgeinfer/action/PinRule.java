package dev.edgeinfer.action;

import dev.edgeinfer.config.ActionConfig;
import dev.edgeinfer.pipeline.InferenceResult;

/**
 * One rule: a {@link Condition} driving an {@link OutputPin}.
 *
 * <ul>
 *   <li>{@code gpio} (hold): active while the condition holds; with {@code holdMs}, it stays active
 *       until {@code holdMs} after the last window that met the condition (each such window starts
 *       the hold again), else it goes safe at the first window that does not.
 *   <li>{@code pulse}: active for {@code ms} each time the condition starts to hold.
 * </ul>
 *
 * <p>Results come from the pipeline thread and releases from the timer thread: methods are
 * synchronized.
 */
final class PinRule {
  private final Condition condition;
  private final ActionConfig.PinAction action;
  private final OutputPin pin;
  private final ActionTimer timer;
  private ActionTimer.Scheduled release;
  // A release that was cancelled may already be waiting for the lock on the timer thread: it runs
  // only if no newer activation came since it was scheduled.
  private long generation;
  private boolean held;
  private boolean closed;

  PinRule(ActionConfig rule, OutputPin pin, ActionTimer timer) {
    this.condition = new Condition(rule.when());
    this.action = rule.action();
    this.pin = pin;
    this.timer = timer;
  }

  synchronized void accept(InferenceResult result) {
    if (closed) {
      return;
    }
    boolean holds = condition.update(result);
    if (action instanceof ActionConfig.Set set) {
      if (holds) {
        pin.activate();
        releaseAfter(set.holdMs());
      } else if (set.holdMs() == 0) {
        cancelRelease();
        pin.safe();
      }
    } else if (holds && !held) {
      pin.activate();
      releaseAfter(((ActionConfig.Pulse) action).ms());
    }
    held = holds;
  }

  private void releaseAfter(long millis) {
    cancelRelease();
    if (millis > 0) {
      long mine = generation;
      release = timer.schedule(() -> release(mine), millis);
    }
  }

  private synchronized void release(long scheduledAt) {
    if (scheduledAt != generation || closed) {
      return;
    }
    release = null;
    pin.safe();
  }

  private void cancelRelease() {
    generation++;
    if (release != null) {
      release.cancel();
      release = null;
    }
  }

  /** Cancels a pending release and leaves the pin safe, for good. */
  synchronized void close() {
    closed = true;
    cancelRelease();
    pin.safe();
  }
}
