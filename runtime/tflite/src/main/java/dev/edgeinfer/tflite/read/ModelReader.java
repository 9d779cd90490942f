package dev.edgeinfer.tflite.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and checks a {@code .tflite} file (schema: tflite-schema.fbs, version 3) before anything
 * else, native code included, trusts it. Every offset, length and index is checked; a malformed
 * file yields a {@link ModelFormatException} naming the table and field, never a half-built model.
 *
 * <p>Field ids below are the schema's (a union takes two ids: its type, then its value).
 */
public final class ModelReader {
  private static final int MODEL_VERSION = 0, MODEL_OPCODES = 1, MODEL_SUBGRAPHS = 2, MODEL_DESCRIPTION = 3,
      MODEL_BUFFERS = 4;
  private static final int SUBGRAPH_TENSORS = 0, SUBGRAPH_INPUTS = 1, SUBGRAPH_OUTPUTS = 2, SUBGRAPH_OPERATORS = 3;
  private static final int TENSOR_SHAPE = 0, TENSOR_TYPE = 1, TENSOR_BUFFER = 2, TENSOR_NAME = 3,
      TENSOR_QUANTIZATION = 4, TENSOR_IS_VARIABLE = 5;
  private static final int QUANT_SCALE = 2, QUANT_ZERO_POINT = 3, QUANT_DIMENSION = 6;
  private static final int OPCODE_DEPRECATED_BUILTIN = 0, OPCODE_CUSTOM = 1, OPCODE_VERSION = 2, OPCODE_BUILTIN = 3;
  private static final int OPERATOR_OPCODE_INDEX = 0, OPERATOR_INPUTS = 1, OPERATOR_OUTPUTS = 2,
      OPERATOR_OPTIONS_TYPE = 3, OPERATOR_OPTIONS = 4, OPERATOR_INTERMEDIATES = 8;
  private static final int BUFFER_DATA = 0, BUFFER_OFFSET = 1, BUFFER_SIZE = 2;
  private static final int CUSTOM_OPERATOR = 32;

  private final ModelLimits limits;

  public ModelReader(ModelLimits limits) {
    this.limits = limits;
  }

  public ModelReader() {
    this(ModelLimits.DEFAULT);
  }

  public ModelDescription read(Path file) throws IOException, ModelFormatException {
    long size = Files.size(file);
    if (size > limits.maxFileBytes()) {
      throw new ModelFormatException("file is " + size + " bytes, over the limit of " + limits.maxFileBytes());
    }
    return read(ByteBuffer.wrap(Files.readAllBytes(file)));
  }

  public ModelDescription read(ByteBuffer bytes) throws ModelFormatException {
    FlatBufferView fb = new FlatBufferView(bytes);
    if (fb.size() < 8) {
      throw new ModelFormatException("file is " + fb.size() + " bytes: too short to be a .tflite model");
    }
    if (bytes.get(4) != 'T' || bytes.get(5) != 'F' || bytes.get(6) != 'L' || bytes.get(7) != '3') {
      throw new ModelFormatException("not a TensorFlow Lite model: file identifier is not \"TFL3\"");
    }
    int model = fb.root();
    int version = fb.intField(model, MODEL_VERSION, 0, "model");
    if (version != 3) {
      throw new ModelFormatException("model.version: schema version " + version + " is not supported (expected 3)");
    }
    String description = optionalString(fb, model, MODEL_DESCRIPTION, "model.description");
    long[][] buffers = readBuffers(fb, model);
    long[] bufferBytes = buffers[1];
    String[] opNames = readOperatorCodes(fb, model);
    int[] opCodes = readBuiltinCodes(fb, model, opNames.length);
    int opVersions[] = readOperatorVersions(fb, model, opNames.length);

    int subgraphs = fb.refField(model, MODEL_SUBGRAPHS, "model.subgraphs");
    int subgraphCount = subgraphs < 0 ? 0 : fb.vectorLength(subgraphs, 4, limits.maxSubgraphs(), "model.subgraphs");
    if (subgraphCount == 0) {
      throw new ModelFormatException("model.subgraphs: the model has no subgraph");
    }
    int main = fb.tableAt(subgraphs, 0, "subgraph 0");
    List<TensorDescription> tensors = readTensors(fb, main, bufferBytes);
    int[] inputs = tensorIndices(fb, main, SUBGRAPH_INPUTS, tensors.size(), false, "subgraph 0.inputs");
    int[] outputs = tensorIndices(fb, main, SUBGRAPH_OUTPUTS, tensors.size(), false, "subgraph 0.outputs");
    List<OperatorDescription> operators = readOperators(fb, main, opNames, opCodes, opVersions, tensors.size());
    return new ModelDescription(fb.size(), version, description, subgraphCount, bufferBytes.length,
        List.copyOf(tensors), List.copyOf(operators), inputs, outputs, bytes.asReadOnlyBuffer(), buffers[0]);
  }

  /** [0]: each buffer's data position in the file; [1]: its size in bytes (0: no data). */
  private long[][] readBuffers(FlatBufferView fb, int model) throws ModelFormatException {
    int vector = fb.refField(model, MODEL_BUFFERS, "model.buffers");
    int count = vector < 0 ? 0 : fb.vectorLength(vector, 4, limits.maxBuffers(), "model.buffers");
    long[] sizes = new long[count];
    long[] positions = new long[count];
    for (int i = 0; i < count; i++) {
      String where = "buffer " + i;
      int buffer = fb.tableAt(vector, i, where);
      int data = fb.refField(buffer, BUFFER_DATA, where + ".data");
      if (data >= 0) {
        sizes[i] = fb.vectorLength(data, 1, Integer.MAX_VALUE, where + ".data");
        positions[i] = data + 4L;
        continue;
      }
      long offset = fb.longField(buffer, BUFFER_OFFSET, 0, where);
      long size = fb.longField(buffer, BUFFER_SIZE, 0, where);
      if (offset > 1 || size > 0) {
        // Large models keep buffers after the FlatBuffer, addressed from the start of the file.
        if (offset < 0 || size < 0 || offset + size > fb.size() || offset + size < 0) {
          throw new ModelFormatException(where + ": data at offset " + offset + " size " + size
              + " lies outside the file (" + fb.size() + " bytes)");
        }
        sizes[i] = size;
        positions[i] = offset;
      }
    }
    return new long[][] {positions, sizes};
  }

  private String[] readOperatorCodes(FlatBufferView fb, int model) throws ModelFormatException {
    int vector = fb.refField(model, MODEL_OPCODES, "model.operator_codes");
    int count = vector < 0 ? 0 : fb.vectorLength(vector, 4, limits.maxOperators(), "model.operator_codes");
    String[] names = new String[count];
    for (int i = 0; i < count; i++) {
      String where = "operator_code " + i;
      int code = fb.tableAt(vector, i, where);
      // Files written before schema 3a carry the code only in the byte field; newer ones in both.
      int builtin = Math.max(fb.byteField(code, OPCODE_DEPRECATED_BUILTIN, (byte) 0, where),
          fb.intField(code, OPCODE_BUILTIN, 0, where));
      if (builtin < 0 || builtin >= BuiltinOperators.count()) {
        throw new ModelFormatException(where + ": unknown builtin operator code " + builtin);
      }
      names[i] = builtin == CUSTOM_OPERATOR
          ? "CUSTOM:" + optionalString(fb, code, OPCODE_CUSTOM, where + ".custom_code")
          : BuiltinOperators.name(builtin);
    }
    return names;
  }

  private int[] readBuiltinCodes(FlatBufferView fb, int model, int count) throws ModelFormatException {
    int vector = fb.refField(model, MODEL_OPCODES, "model.operator_codes");
    int[] codes = new int[count];
    for (int i = 0; i < count; i++) {
      int code = fb.tableAt(vector, i, "operator_code " + i);
      codes[i] = Math.max(fb.byteField(code, OPCODE_DEPRECATED_BUILTIN, (byte) 0, "operator_code " + i),
          fb.intField(code, OPCODE_BUILTIN, 0, "operator_code " + i));
    }
    return codes;
  }

  private int[] readOperatorVersions(FlatBufferView fb, int model, int count) throws ModelFormatException {
    int vector = fb.refField(model, MODEL_OPCODES, "model.operator_codes");
    int[] versions = new int[count];
    for (int i = 0; i < count; i++) {
      versions[i] = fb.intField(fb.tableAt(vector, i, "operator_code " + i), OPCODE_VERSION, 1, "operator_code " + i);
    }
    return versions;
  }

  private List<TensorDescription> readTensors(FlatBufferView fb, int subgraph, long[] bufferBytes)
      throws ModelFormatException {
    int vector = fb.refField(subgraph, SUBGRAPH_TENSORS, "subgraph 0.tensors");
    int count = vector < 0 ? 0 : fb.vectorLength(vector, 4, limits.maxTensors(), "subgraph 0.tensors");
    List<TensorDescription> tensors = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      tensors.add(readTensor(fb, fb.tableAt(vector, i, "tensor " + i), i, bufferBytes));
    }
    return tensors;
  }

  private TensorDescription readTensor(FlatBufferView fb, int tensor, int index, long[] bufferBytes)
      throws ModelFormatException {
    String where = "tensor " + index;
    int[] shape = new int[0];
    int shapeVector = fb.refField(tensor, TENSOR_SHAPE, where + ".shape");
    if (shapeVector >= 0) {
      shape = new int[fb.vectorLength(shapeVector, 4, limits.maxRank(), where + ".shape")];
      for (int d = 0; d < shape.length; d++) {
        shape[d] = fb.intAt(shapeVector, d);
        if (shape[d] < 0) {
          throw new ModelFormatException(where + ".shape: dimension " + d + " is negative (" + shape[d] + ")");
        }
      }
    }
    long elements = elementCount(shape);
    if (elements > limits.maxTensorElements()) {
      throw new ModelFormatException(where + ".shape: " + java.util.Arrays.toString(shape) + " has more than "
          + limits.maxTensorElements() + " elements");
    }
    int type = fb.byteField(tensor, TENSOR_TYPE, (byte) 0, where);
    if (TensorTypes.elementBytes(type) == 0 && type != TensorTypes.STRING) {
      throw new ModelFormatException(where + ": tensor type " + TensorTypes.name(type) + " is not supported");
    }
    int buffer = fb.intField(tensor, TENSOR_BUFFER, 0, where);
    if (buffer < 0 || buffer >= Math.max(bufferBytes.length, 1)) {
      throw new ModelFormatException(where + ": buffer index " + Integer.toUnsignedString(buffer)
          + " out of range (buffers: " + bufferBytes.length + ")");
    }
    long dataBytes = bufferBytes.length == 0 ? 0 : bufferBytes[buffer];
    if (dataBytes > 0 && type != TensorTypes.STRING) {
      long expected = elements * TensorTypes.elementBytes(type);
      if (expected != dataBytes) {
        throw new ModelFormatException(where + ": buffer " + buffer + " holds " + dataBytes + " bytes but shape "
            + java.util.Arrays.toString(shape) + " of " + TensorTypes.name(type) + " needs " + expected);
      }
    }
    String name = optionalString(fb, tensor, TENSOR_NAME, where + ".name");
    boolean variable = fb.byteField(tensor, TENSOR_IS_VARIABLE, (byte) 0, where) != 0;
    float[] scales = new float[0];
    long[] zeroPoints = new long[0];
    int quantizedDimension = 0;
    int quantization = fb.refField(tensor, TENSOR_QUANTIZATION, where + ".quantization");
    if (quantization >= 0) {
      String q = where + ".quantization";
      int scaleVector = fb.refField(quantization, QUANT_SCALE, q + ".scale");
      int zeroVector = fb.refField(quantization, QUANT_ZERO_POINT, q + ".zero_point");
      int channelLimit = 1 << 20;
      scales = new float[scaleVector < 0 ? 0 : fb.vectorLength(scaleVector, 4, channelLimit, q + ".scale")];
      zeroPoints = new long[zeroVector < 0 ? 0 : fb.vectorLength(zeroVector, 8, channelLimit, q + ".zero_point")];
      for (int c = 0; c < scales.length; c++) {
        scales[c] = fb.floatAt(scaleVector, c);
      }
      for (int c = 0; c < zeroPoints.length; c++) {
        zeroPoints[c] = fb.longAt(zeroVector, c);
      }
      quantizedDimension = fb.intField(quantization, QUANT_DIMENSION, 0, q);
      checkQuantization(q, shape, scales, zeroPoints, quantizedDimension);
    }
    return new TensorDescription(index, name, type, shape, buffer, dataBytes, scales, zeroPoints, quantizedDimension,
        variable);
  }

  private static void checkQuantization(String where, int[] shape, float[] scales, long[] zeroPoints, int dimension)
      throws ModelFormatException {
    if (scales.length > 1) {
      // TensorFlow Lite Micro (and so person_detect.tflite) accepts per-channel metadata on 1-D
      // tensors whose quantized_dimension names a dimension they lack: the channels are then dimension 0.
      int channels = dimension >= 0 && dimension < shape.length ? shape[dimension]
          : shape.length == 1 ? shape[0] : -1;
      if (channels != scales.length) {
        throw new ModelFormatException(where + ": " + scales.length + " scales do not match quantized_dimension "
            + dimension + " of shape " + java.util.Arrays.toString(shape));
      }
    }
    if (zeroPoints.length != 0 && scales.length != 0 && zeroPoints.length != scales.length) {
      throw new ModelFormatException(where + ": " + scales.length + " scales but " + zeroPoints.length
          + " zero points");
    }
    for (float scale : scales) {
      if (!(scale >= 0f) || Float.isInfinite(scale)) {
        throw new ModelFormatException(where + ".scale: " + scale + " is not a finite non-negative number");
      }
    }
  }

  private List<OperatorDescription> readOperators(FlatBufferView fb, int subgraph, String[] opNames, int[] codes,
      int[] versions, int tensorCount) throws ModelFormatException {
    int vector = fb.refField(subgraph, SUBGRAPH_OPERATORS, "subgraph 0.operators");
    int count = vector < 0 ? 0 : fb.vectorLength(vector, 4, limits.maxOperators(), "subgraph 0.operators");
    List<OperatorDescription> operators = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String where = "operator " + i;
      int op = fb.tableAt(vector, i, where);
      int opcode = fb.intField(op, OPERATOR_OPCODE_INDEX, 0, where);
      if (opcode < 0 || opcode >= opNames.length) {
        throw new ModelFormatException(where + ": opcode index " + Integer.toUnsignedString(opcode)
            + " out of range (operator codes: " + opNames.length + ")");
      }
      int[] inputs = tensorIndices(fb, op, OPERATOR_INPUTS, tensorCount, true, where + ".inputs");
      int[] outputs = tensorIndices(fb, op, OPERATOR_OUTPUTS, tensorCount, false, where + ".outputs");
      int[] intermediates = tensorIndices(fb, op, OPERATOR_INTERMEDIATES, tensorCount, false,
          where + ".intermediates");
      int optionsType = Byte.toUnsignedInt(fb.byteField(op, OPERATOR_OPTIONS_TYPE, (byte) 0, where));
      int optionsTable = fb.refField(op, OPERATOR_OPTIONS, where + ".builtin_options");
      BuiltinOptions options = optionsTable < 0 ? BuiltinOptions.NONE
          : new BuiltinOptions(fb, optionsTable, optionsType, where + ".builtin_options");
      operators.add(new OperatorDescription(i, opNames[opcode], codes[opcode], versions[opcode], inputs, outputs,
          intermediates, options));
    }
    return operators;
  }

  private int[] tensorIndices(FlatBufferView fb, int table, int field, int tensorCount, boolean optionalAllowed,
      String where) throws ModelFormatException {
    int vector = fb.refField(table, field, where);
    if (vector < 0) {
      return new int[0];
    }
    int[] indices = new int[fb.vectorLength(vector, 4, limits.maxTensors(), where)];
    for (int i = 0; i < indices.length; i++) {
      indices[i] = fb.intAt(vector, i);
      boolean omitted = optionalAllowed && indices[i] == -1;
      if (!omitted && (indices[i] < 0 || indices[i] >= tensorCount)) {
        throw new ModelFormatException(where + ": tensor index " + indices[i] + " out of range (tensors: "
            + tensorCount + ")");
      }
    }
    return indices;
  }

  private String optionalString(FlatBufferView fb, int table, int field, String where) throws ModelFormatException {
    int at = fb.refField(table, field, where);
    return at < 0 ? "" : fb.string(at, limits.maxStringBytes(), where);
  }

  private static long elementCount(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
      if (n > Integer.MAX_VALUE) {
        return Long.MAX_VALUE / 16;
      }
    }
    return n;
  }
}
