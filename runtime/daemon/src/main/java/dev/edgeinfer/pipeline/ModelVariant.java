package dev.edgeinfer.pipeline;

import dev.edgeinfer.engine.InferenceEngine;

/**
 * One loaded variant of a model, with the encoder and decoder fitted to its own tensors (an INT8
 * model takes quantized input; its FP32 twin takes floats): features in, real-valued outputs out.
 *
 * <p>Not thread-safe, like its engine: only the pipeline thread runs it. The array {@link
 * #run} returns belongs to this variant and is overwritten by its next run, so the outputs of
 * the two variants of one window can be compared without copying.
 */
public final class ModelVariant {
  private final Precision precision;
  private final InferenceEngine engine;
  private final InputEncoder encoder;
  private final OutputDecoder decoder;

  public ModelVariant(Precision precision, InferenceEngine engine) {
    if (engine.inputs().isEmpty() || engine.outputs().isEmpty()) {
      throw new IllegalArgumentException(precision.configName() + " model has " + engine.inputs().size()
          + " inputs and " + engine.outputs().size() + " outputs; a pipeline needs one of each");
    }
    this.precision = precision;
    this.engine = engine;
    this.encoder = new InputEncoder(engine.inputs().get(0));
    this.decoder = new OutputDecoder(engine.outputs().get(0));
  }

  public Precision precision() {
    return precision;
  }

  public InferenceEngine engine() {
    return engine;
  }

  public int inputElements() {
    return encoder.elementCount();
  }

  public int outputElements() {
    return engine.outputs().get(0).elementCount();
  }

  /** Encodes {@code features} into the input tensor, invokes the model, and decodes output 0. */
  public float[] run(float[] features) {
    encoder.encode(features, engine.input(0));
    engine.invoke();
    return decoder.decode(engine.output(0));
  }
}
