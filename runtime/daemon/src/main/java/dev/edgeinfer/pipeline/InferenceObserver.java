package dev.edgeinfer.pipeline;

import dev.edgeinfer.config.ModelConfig;

/**
 * Told of every window's model step, on the pipeline thread (so it must be quick and must not
 * throw): the model update's trial watches the first inferences of a new version through it.
 */
public interface InferenceObserver {
  InferenceObserver NONE = new InferenceObserver() {
    @Override
    public void inferred(ModelConfig model, float[] outputs) {}

    @Override
    public void failed(ModelConfig model, RuntimeException error) {}
  };

  /** {@code outputs} is only valid during the call. */
  void inferred(ModelConfig model, float[] outputs);

  void failed(ModelConfig model, RuntimeException error);
}
