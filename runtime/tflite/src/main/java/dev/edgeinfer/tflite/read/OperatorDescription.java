package dev.edgeinfer.tflite.read;

/**
 * An operator as the file declares it: its builtin (or custom) name and code, version, tensor
 * indices (-1: an omitted optional input), intermediate tensors (quantization metadata of LSTM
 * gates) and builtin options.
 */
public record OperatorDescription(int index, String opName, int builtinCode, int version, int[] inputs, int[] outputs,
    int[] intermediates, BuiltinOptions options) {}
