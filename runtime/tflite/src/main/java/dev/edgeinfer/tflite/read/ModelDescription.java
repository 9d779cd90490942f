package dev.edgeinfer.tflite.read;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * What a {@code .tflite} file declares, read and checked by {@link ModelReader}: schema version,
 * description, the main subgraph's tensors, operators, inputs and outputs, and how many subgraphs
 * and buffers it holds.
 */
public record ModelDescription(long fileBytes, int schemaVersion, String description, int subgraphCount,
    int bufferCount, List<TensorDescription> tensors, List<OperatorDescription> operators, int[] inputs,
    int[] outputs, ByteBuffer file, long[] bufferPositions) {

  /**
   * A constant tensor's data: a little-endian, read-only view into the file (bounds checked when
   * the file was read). Empty for a tensor without data.
   */
  public ByteBuffer constantData(TensorDescription tensor) {
    if (tensor.dataBytes() == 0) {
      return ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
    }
    int from = (int) bufferPositions[tensor.buffer()];
    return file.duplicate().position(from).limit(from + (int) tensor.dataBytes()).slice()
        .order(ByteOrder.LITTLE_ENDIAN);
  }

  public List<TensorDescription> inputTensors() {
    return java.util.Arrays.stream(inputs).mapToObj(tensors::get).toList();
  }

  public List<TensorDescription> outputTensors() {
    return java.util.Arrays.stream(outputs).mapToObj(tensors::get).toList();
  }

  /** Distinct operator names in order of first use. */
  public List<String> operatorNames() {
    return operators.stream().map(OperatorDescription::opName).distinct().toList();
  }
}
