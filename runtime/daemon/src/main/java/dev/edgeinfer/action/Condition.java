package dev.edgeinfer.action;

import dev.edgeinfer.config.ActionConfig;
import dev.edgeinfer.pipeline.InferenceResult;

/**
 * A rule's {@code when}: the top label is {@code label} with at least {@code minScore}, for {@code
 * forWindows} windows in a row. Not thread-safe: fed by one pipeline thread.
 */
final class Condition {
  private final ActionConfig.When when;
  private int streak;

  Condition(ActionConfig.When when) {
    this.when = when;
  }

  /** Takes one result; true while the condition holds. */
  boolean update(InferenceResult result) {
    boolean matches = when.label().equals(result.label()) && result.score() >= when.minScore();
    streak = matches ? streak + 1 : 0;
    return streak >= when.forWindows();
  }
}
