package dev.edgeinfer.tflite.write;

import dev.edgeinfer.tflite.graph.OperatorOptions;

/**
 * Writes an operator's options as the matching member of the schema's {@code union
 * BuiltinOptions}. The union type codes are the members' positions in that union (NONE = 0).
 */
final class OptionsEncoder {

  static final int FULLY_CONNECTED_OPTIONS = 8;
  static final int SOFTMAX_OPTIONS = 9;
  static final int DEQUANTIZE_OPTIONS = 38;
  static final int QUANTIZE_OPTIONS = 89;

  /** The union type code and the offset of the options table. */
  record Encoded(int unionType, int table) {}

  private OptionsEncoder() {}

  static Encoded encode(FlatBufferBuilder fb, OperatorOptions options) {
    if (options instanceof OperatorOptions.FullyConnected fc) {
      // FullyConnectedOptions: 0 fused_activation_function, 1 weights_format, 2 keep_num_dims,
      // 3 asymmetric_quantize_inputs, 4 quantized_bias_type; all but the first left at default.
      fb.startTable(1);
      fb.addFieldByte(0, fc.activation().schemaCode(), 0);
      return new Encoded(FULLY_CONNECTED_OPTIONS, fb.endTable());
    }
    if (options instanceof OperatorOptions.Softmax sm) {
      fb.startTable(1); // SoftmaxOptions: 0 beta
      fb.addFieldFloat(0, sm.beta(), 0f);
      return new Encoded(SOFTMAX_OPTIONS, fb.endTable());
    }
    if (options instanceof OperatorOptions.Quantize) {
      fb.startTable(0);
      return new Encoded(QUANTIZE_OPTIONS, fb.endTable());
    }
    if (options instanceof OperatorOptions.Dequantize) {
      fb.startTable(0);
      return new Encoded(DEQUANTIZE_OPTIONS, fb.endTable());
    }
    throw new IllegalArgumentException("no encoder for options " + options);
  }
}
