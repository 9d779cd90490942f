package dev.edgeinfer.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads {@code pipelines.NAME.actions}: a list of {@code {when, gpio | pulse}} rules. */
final class ActionsReader {
  private static final List<String> KEYS = List.of("when", "gpio", "pulse");
  private static final List<String> WHEN_KEYS = List.of("label", "minScore", "forWindows");
  private static final List<String> GPIO_KEYS = List.of("pin", "state", "holdMs");
  private static final List<String> PULSE_KEYS = List.of("pin", "state", "ms");
  private static final long MAX_MILLIS = 24L * 3600 * 1000;

  private ActionsReader() {}

  static List<ActionConfig> read(ConfigNode pipeline) {
    List<ActionConfig> out = new ArrayList<>();
    for (ConfigNode rule : pipeline.mappings("actions")) {
      readRule(rule).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<ActionConfig> readRule(ConfigNode rule) {
    rule.allowOnly(KEYS);
    ActionConfig.When when = readWhen(rule.mapping("when", true));
    boolean hasGpio = rule.has("gpio");
    boolean hasPulse = rule.has("pulse");
    if (hasGpio == hasPulse) {
      rule.problemAt(rule.path(), hasGpio ? "give either gpio or pulse, not both" : "needs gpio: {pin, state, holdMs} or pulse: {pin, state, ms}");
      return Optional.empty();
    }
    ActionConfig.PinAction action;
    if (hasGpio) {
      ConfigNode gpio = rule.mapping("gpio", true);
      gpio.allowOnly(GPIO_KEYS);
      action = new ActionConfig.Set(pin(gpio), activeHigh(gpio), (long) gpio.number("holdMs", 0, 0, MAX_MILLIS));
    } else {
      ConfigNode pulse = rule.mapping("pulse", true);
      pulse.allowOnly(PULSE_KEYS);
      if (pulse.isPresent() && !pulse.has("ms")) {
        pulse.problem("ms", "required key is missing");
      }
      action = new ActionConfig.Pulse(pin(pulse), activeHigh(pulse), (long) pulse.positive("ms", 100, MAX_MILLIS));
    }
    return Optional.of(new ActionConfig(when, action));
  }

  private static ActionConfig.When readWhen(ConfigNode when) {
    when.allowOnly(WHEN_KEYS);
    String label = when.requiredString("label").orElse("");
    double minScore = when.number("minScore", 0, 0, 1);
    int forWindows = when.integer("forWindows", 1, 1, 1_000_000);
    return new ActionConfig.When(label, minScore, forWindows);
  }

  private static int pin(ConfigNode node) {
    if (node.isPresent() && !node.has("pin")) {
      node.problem("pin", "required key is missing");
    }
    return node.integer("pin", -1, 0, HardwareSensorsReader.MAX_PIN);
  }

  private static boolean activeHigh(ConfigNode node) {
    Optional<String> state = node.string("state");
    if (state.isEmpty() || state.get().equals("high")) {
      return true;
    }
    if (!state.get().equals("low")) {
      node.problem("state", "must be one of high, low, got " + ConfigNode.quote(state.get()));
    }
    return state.get().equals("low") ? false : true;
  }
}
