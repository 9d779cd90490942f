package dev.edgeinfer.policy;

/**
 * Told of every precision switch, in order, once each (the daemon publishes them). Called with
 * the pipeline's controller lock held: keep it short and never call back into the policy.
 */
@FunctionalInterface
public interface SwitchListener {
  void switched(PrecisionSwitch event) throws Exception;
}
