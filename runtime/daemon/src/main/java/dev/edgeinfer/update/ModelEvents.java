package dev.edgeinfer.update;

/** Where update progress goes (the daemon publishes it on {@code event/model}; tests may collect it). */
@FunctionalInterface
public interface ModelEvents {
  /** Must not throw: a lost event must not stop an update. */
  void publish(ModelEvent event);
}
