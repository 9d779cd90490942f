package dev.edgeinfer.pipeline;

/** Where a pipeline hands each result (the MQTT publisher in the daemon; a list in tests). */
@FunctionalInterface
public interface ResultSink {
  void accept(InferenceResult result) throws Exception;
}
