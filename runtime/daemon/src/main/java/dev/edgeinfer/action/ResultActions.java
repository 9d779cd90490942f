package dev.edgeinfer.action;

import dev.edgeinfer.config.ActionConfig;
import dev.edgeinfer.config.PipelineConfig;
import dev.edgeinfer.hardware.Hardware;
import dev.edgeinfer.hardware.HardwareException;
import dev.edgeinfer.pipeline.InferenceResult;
import java.util.ArrayList;
import java.util.List;

/**
 * A pipeline's {@code actions}: every result goes through each rule. The output pins are opened
 * in their safe state when the pipeline is built, and {@link #close()} leaves them safe, so that no
 * output stays on when the daemon stops (the Pi4J context drives the same safe state once more as
 * it shuts down).
 *
 * <p>{@link #accept} from the pipeline thread; {@link #close()} from the thread that stops the daemon.
 */
public final class ResultActions implements AutoCloseable {
  private final List<PinRule> rules;

  private ResultActions(List<PinRule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Opens the pipeline's output pins (safe) and builds its rules. */
  public static ResultActions open(PipelineConfig pipeline, Hardware hardware, ActionTimer timer)
      throws HardwareException {
    List<PinRule> rules = new ArrayList<>();
    for (int i = 0; i < pipeline.actions().size(); i++) {
      ActionConfig rule = pipeline.actions().get(i);
      ActionConfig.PinAction a = rule.action();
      String owner = "pipelines." + pipeline.name() + ".actions[" + i + "]."
          + (a instanceof ActionConfig.Set ? "gpio" : "pulse");
      OutputPin pin = new OutputPin(hardware.output(owner, a.pin(), OutputPin.safeState(a.activeHigh())), owner,
          a.activeHigh());
      pin.safe();
      rules.add(new PinRule(rule, pin, timer));
    }
    return new ResultActions(rules);
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** Never throws: a pin that cannot be driven is logged by its {@link OutputPin}. */
  public void accept(InferenceResult result) {
    for (PinRule rule : rules) {
      rule.accept(result);
    }
  }

  @Override
  public void close() {
    rules.forEach(PinRule::close);
  }
}
