package dev.edgeinfer.engine;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What both engines share: the input and output tensors' descriptions and their byte views, filled
 * in by the subclass as it loads the model. The views are the native engine's own tensor memory
 * and the Java engine's staging buffers; either way the caller reads and writes them in place.
 */
abstract class TensorViewsEngine implements InferenceEngine {
  protected final List<TensorInfo> inputInfos = new ArrayList<>();
  protected final List<TensorInfo> outputInfos = new ArrayList<>();
  protected ByteBuffer[] inputs;
  protected ByteBuffer[] outputs;

  @Override
  public List<TensorInfo> inputs() {
    return List.copyOf(inputInfos);
  }

  @Override
  public List<TensorInfo> outputs() {
    return List.copyOf(outputInfos);
  }

  @Override
  public ByteBuffer input(int index) {
    return inputs[index].clear();
  }

  @Override
  public ByteBuffer output(int index) {
    return outputs[index].clear();
  }
}
