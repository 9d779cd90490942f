package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Interpreter;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.read.TensorTypes;
import dev.edgeinfer.tflite.write.FlatBufferBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A .tflite file with one builtin operator, written field by field from tflite-schema.fbs, so a
 * kernel test runs the operator through the real reader, interpreter and prepare. Tensors are
 * added in operator-input order; constants carry little-endian bytes.
 */
final class SingleOpModel {
  private record T(int type, int[] shape, byte[] data, float[] scales, long[] zeroPoints, int quantizedDimension) {}

  private final int builtinCode;
  private final int optionsType;
  private final ToIntFunction<FlatBufferBuilder> options;
  private final List<T> tensors = new ArrayList<>();
  private final List<Integer> inputs = new ArrayList<>();
  private final List<Integer> outputs = new ArrayList<>();
  private final List<Integer> opInputs = new ArrayList<>();

  /** {@code options} writes the options table and returns its offset. */
  SingleOpModel(int builtinCode, int optionsType, ToIntFunction<FlatBufferBuilder> options) {
    this.builtinCode = builtinCode;
    this.optionsType = optionsType;
    this.options = options;
  }

  /** An operator without builtin options (RELU, TANH, DEQUANTIZE, ...). */
  SingleOpModel(int builtinCode) {
    this(builtinCode, 0, null);
  }

  /** An options table of int fields 0..n-1 (default 0), for the options that are all ints. */
  static ToIntFunction<FlatBufferBuilder> ints(int... fields) {
    return fb -> {
      fb.startTable(fields.length);
      for (int i = 0; i < fields.length; i++) {
        fb.addFieldInt(i, fields[i], 0);
      }
      return fb.endTable();
    };
  }

  /** An options table whose field 0 is a byte (fused_activation_function, keep_dims). */
  static ToIntFunction<FlatBufferBuilder> byte0(int value) {
    return fb -> {
      fb.startTable(1);
      fb.addFieldByte(0, value, 0);
      return fb.endTable();
    };
  }

  /** An options table whose field 0 is a float (SOFTMAX beta, LEAKY_RELU alpha). */
  static ToIntFunction<FlatBufferBuilder> float0(float value) {
    return fb -> {
      fb.startTable(1);
      fb.addFieldFloat(0, value, 0f);
      return fb.endTable();
    };
  }

  SingleOpModel input(int type, int[] shape, float scale, long zeroPoint) {
    inputs.add(add(new T(type, shape, null, quant(scale), new long[] {zeroPoint}, 0)));
    return this;
  }

  SingleOpModel constant(int type, int[] shape, byte[] data, float[] scales, int quantizedDimension) {
    add(new T(type, shape, data, scales, new long[scales.length], quantizedDimension));
    return this;
  }

  /** A per-tensor quantized (or, with scale 0, unquantized) constant with a zero point. */
  SingleOpModel constant(int type, int[] shape, byte[] data, float scale, long zeroPoint) {
    add(new T(type, shape, data, quant(scale), new long[] {zeroPoint}, 0));
    return this;
  }

  /** An unquantized INT32 constant (axes, permutations, paddings, begin/end/strides, shapes). */
  SingleOpModel int32Constant(int[] shape, int... values) {
    return constant(INT32, shape, int32(values), new float[0], 0);
  }

  SingleOpModel omitted() {
    opInputs.add(-1);
    return this;
  }

  SingleOpModel output(int type, int[] shape, float scale, long zeroPoint) {
    int index = tensors.size();
    tensors.add(new T(type, shape, null, quant(scale), new long[] {zeroPoint}, 0));
    outputs.add(index);
    return this;
  }

  private static float[] quant(float scale) {
    return scale == 0f ? new float[0] : new float[] {scale};
  }

  private int add(T t) {
    int index = tensors.size();
    tensors.add(t);
    opInputs.add(index);
    return index;
  }

  Interpreter load() throws Exception {
    return Interpreter.load(ByteBuffer.wrap(write()), BuiltinKernels.resolver());
  }

  /** Loads, writes each of {@code inputs} into the model's inputs in order, invokes, and returns the output's bytes. */
  byte[] run(byte[]... inputs) throws Exception {
    Interpreter interpreter = load();
    if (inputs.length != interpreter.inputs().size()) {
      throw new IllegalArgumentException(inputs.length + " inputs given, the model has " + interpreter.inputs().size());
    }
    for (int i = 0; i < inputs.length; i++) {
      Interpreter.write(interpreter.inputs().get(i), ByteBuffer.wrap(inputs[i]));
    }
    interpreter.invoke();
    Tensor out = interpreter.outputs().get(0);
    ByteBuffer bytes = ByteBuffer.allocate(out.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    Interpreter.read(out, bytes);
    return bytes.array();
  }

  private byte[] write() {
    FlatBufferBuilder fb = new FlatBufferBuilder(4096);
    List<Integer> buffers = new ArrayList<>();
    fb.startTable(0);
    buffers.add(fb.endTable());
    int[] tensorTables = new int[tensors.size()];
    for (int i = 0; i < tensorTables.length; i++) {
      T t = tensors.get(i);
      int buffer = 0;
      if (t.data() != null) {
        int vector = fb.createByteVector(t.data(), 16);
        fb.startTable(1); // Buffer: 0 data
        fb.addFieldOffset(0, vector);
        buffer = buffers.size();
        buffers.add(fb.endTable());
      }
      int quantization = 0;
      if (t.scales().length > 0) {
        int scale = fb.createFloatVector(t.scales());
        int zeroPoint = fb.createLongVector(t.zeroPoints());
        fb.startTable(7); // QuantizationParameters: 2 scale, 3 zero_point, 6 quantized_dimension
        fb.addFieldOffset(2, scale);
        fb.addFieldOffset(3, zeroPoint);
        fb.addFieldInt(6, t.quantizedDimension(), 0);
        quantization = fb.endTable();
      }
      int shape = fb.createIntVector(t.shape());
      int name = fb.createString("t" + i);
      fb.startTable(5); // Tensor: 0 shape, 1 type, 2 buffer, 3 name, 4 quantization
      fb.addFieldOffset(0, shape);
      fb.addFieldByte(1, t.type(), 0);
      fb.addFieldInt(2, buffer, 0);
      fb.addFieldOffset(3, name);
      if (quantization != 0) {
        fb.addFieldOffset(4, quantization);
      }
      tensorTables[i] = fb.endTable();
    }
    int opIn = fb.createIntVector(opInputs.stream().mapToInt(Integer::intValue).toArray());
    int opOut = fb.createIntVector(outputs.stream().mapToInt(Integer::intValue).toArray());
    int optionsTable = options == null ? 0 : options.applyAsInt(fb);
    fb.startTable(5); // Operator: 0 opcode_index, 1 inputs, 2 outputs, 3 builtin_options_type, 4 builtin_options
    fb.addFieldOffset(1, opIn);
    fb.addFieldOffset(2, opOut);
    if (options != null) {
      fb.addFieldOffset(4, optionsTable);
      fb.addFieldByte(3, optionsType, 0);
    }
    int operator = fb.endTable();
    int tensorsVector = fb.createOffsetVector(tensorTables);
    int sgIn = fb.createIntVector(inputs.stream().mapToInt(Integer::intValue).toArray());
    int sgOut = fb.createIntVector(outputs.stream().mapToInt(Integer::intValue).toArray());
    int operators = fb.createOffsetVector(new int[] {operator});
    fb.startTable(4); // SubGraph: 0 tensors, 1 inputs, 2 outputs, 3 operators
    fb.addFieldOffset(0, tensorsVector);
    fb.addFieldOffset(1, sgIn);
    fb.addFieldOffset(2, sgOut);
    fb.addFieldOffset(3, operators);
    int subgraph = fb.endTable();
    fb.startTable(4); // OperatorCode: 0 deprecated_builtin_code, 2 version, 3 builtin_code
    fb.addFieldByte(0, builtinCode, 0);
    fb.addFieldInt(3, builtinCode, 0);
    int code = fb.endTable();
    int codes = fb.createOffsetVector(new int[] {code});
    int subgraphs = fb.createOffsetVector(new int[] {subgraph});
    int buffersVector = fb.createOffsetVector(buffers.stream().mapToInt(Integer::intValue).toArray());
    fb.startTable(5); // Model: 0 version, 1 operator_codes, 2 subgraphs, 4 buffers
    fb.addFieldInt(0, 3, 0);
    fb.addFieldOffset(1, codes);
    fb.addFieldOffset(2, subgraphs);
    fb.addFieldOffset(4, buffersVector);
    return fb.finish(fb.endTable(), "TFL3");
  }

  /** Asserts that loading fails with a reason that names {@code opName} and contains {@code reason}. */
  static void assertRefused(SingleOpModel model, String opName, String reason) {
    UnsupportedModelException e =
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedModelException.class, model::load);
    String m = e.getMessage();
    org.junit.jupiter.api.Assertions.assertTrue(m.contains("(" + opName + ")") && m.contains(reason), m);
  }

  static byte[] int8(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  static int[] int8Values(byte[] bytes) {
    int[] v = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      v[i] = bytes[i];
    }
    return v;
  }

  static byte[] int16(int... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      b.putShort((short) v);
    }
    return b.array();
  }

  static int[] int16Values(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int[] v = new int[bytes.length / 2];
    for (int i = 0; i < v.length; i++) {
      v[i] = b.getShort();
    }
    return v;
  }

  static byte[] int32(int... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) {
      b.putInt(v);
    }
    return b.array();
  }

  static int[] int32Values(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int[] v = new int[bytes.length / 4];
    for (int i = 0; i < v.length; i++) {
      v[i] = b.getInt();
    }
    return v;
  }

  static byte[] int64(long... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      b.putLong(v);
    }
    return b.array();
  }

  static byte[] float32(float... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      b.putFloat(v);
    }
    return b.array();
  }

  static float[] float32Values(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] v = new float[bytes.length / 4];
    for (int i = 0; i < v.length; i++) {
      v[i] = b.getFloat();
    }
    return v;
  }

  static final int FLOAT32 = TensorTypes.FLOAT32;
  static final int INT8 = TensorTypes.INT8;
  static final int INT16 = TensorTypes.INT16;
  static final int INT32 = TensorTypes.INT32;
  static final int INT64 = TensorTypes.INT64;
  static final int UINT8 = TensorTypes.UINT8;
}
