package dev.edgeinfer.config;

/**
 * {@code pipelines.NAME.actions[i]}: drive a GPIO output from results. {@code when} the top label
 * is {@code label} with a score of at least {@code minScore} for {@code forWindows} windows in a
 * row, either {@link Set} the pin to its active state (back to the other, safe, state {@code
 * holdMs} after the last matching window; with 0, at the first window that does not match) or
 * give one {@link Pulse} of {@code ms} each time the condition starts to hold.
 */
public record ActionConfig(When when, PinAction action) {

  public record When(String label, double minScore, int forWindows) {}

  /** What happens on the pin; {@code activeHigh} false means the active state is low (active-low relay boards). */
  public sealed interface PinAction permits Set, Pulse {
    int pin();

    boolean activeHigh();
  }

  /** {@code gpio: {pin, state, holdMs}}. */
  public record Set(int pin, boolean activeHigh, long holdMs) implements PinAction {}

  /** {@code pulse: {pin, state, ms}}. */
  public record Pulse(int pin, boolean activeHigh, long ms) implements PinAction {}
}
