package dev.edgeinfer.pipeline;

/** Where a pipeline reports sensor health changes (the MQTT publisher in the daemon; a list in tests). */
@FunctionalInterface
public interface SensorEventSink {
  void accept(SensorEvent event) throws Exception;

  SensorEventSink NONE = event -> { };
}
