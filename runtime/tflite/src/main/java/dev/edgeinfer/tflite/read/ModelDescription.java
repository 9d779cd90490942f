package dev.edgeinfer.tflite.read;

import java.util.List;

/**
 * What a {@code .tflite} file declares, read and checked by {@link ModelReader}: schema version,
 * description, the main subgraph's tensors, operators, inputs and outputs, and how many subgraphs
 * and buffers it holds.
 */
public record ModelDescription(long fileBytes, int schemaVersion, String description, int subgraphCount,
    int bufferCount, List<TensorDescription> tensors, List<OperatorDescription> operators, int[] inputs,
    int[] outputs) {

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
