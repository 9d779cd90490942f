package dev.edgeinfer.tflite.write;

import dev.edgeinfer.tflite.graph.BuiltinOperator;
import dev.edgeinfer.tflite.graph.ModelGraph;
import dev.edgeinfer.tflite.graph.Operator;
import dev.edgeinfer.tflite.graph.Quantization;
import dev.edgeinfer.tflite.graph.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serializes a {@link ModelGraph} as a {@code .tflite} FlatBuffer (schema version 3, file
 * identifier "TFL3"); field ids follow {@code tflite-schema.fbs}. Buffer 0 is the empty sentinel
 * every activation points at; each constant gets its own 16-byte aligned buffer, in tensor order.
 * Operator codes are numbered in order of first use. The same graph always gives the same bytes.
 *
 * <p>Stateless and thread-safe.
 */
public final class TfliteWriter {

  public static final int SCHEMA_VERSION = 3;
  public static final String FILE_IDENTIFIER = "TFL3";
  /** Operators with a code above this are only named by {@code builtin_code}. */
  private static final int PLACEHOLDER_FOR_GREATER_OP_CODES = 127;
  /** {@code Buffer.data} is declared {@code force_align: 16}. */
  private static final int BUFFER_ALIGNMENT = 16;

  public byte[] write(ModelGraph graph) {
    long dataBytes = 0;
    for (Tensor t : graph.tensors()) {
      dataBytes += (long) t.elementCount() * t.type().byteSize();
    }
    FlatBufferBuilder fb = new FlatBufferBuilder((int) Math.min(Integer.MAX_VALUE / 2, 4096 + 2 * dataBytes));

    List<Integer> bufferTables = new ArrayList<>();
    bufferTables.add(emptyBuffer(fb));
    int[] bufferOfTensor = new int[graph.tensors().size()];
    for (int i = 0; i < bufferOfTensor.length; i++) {
      Tensor t = graph.tensor(i);
      if (t.isConstant()) {
        bufferOfTensor[i] = bufferTables.size();
        bufferTables.add(dataBuffer(fb, t.data().orElseThrow()));
      }
    }

    int[] tensorTables = new int[graph.tensors().size()];
    for (int i = 0; i < tensorTables.length; i++) {
      tensorTables[i] = tensor(fb, graph.tensor(i), bufferOfTensor[i]);
    }

    Map<String, Integer> opcodeIndex = new LinkedHashMap<>();
    List<Operator> codeOwners = new ArrayList<>();
    int[] operatorTables = new int[graph.operators().size()];
    for (int i = 0; i < operatorTables.length; i++) {
      Operator op = graph.operators().get(i);
      String key = op.op().name() + "/" + op.version();
      Integer index = opcodeIndex.get(key);
      if (index == null) {
        index = codeOwners.size();
        opcodeIndex.put(key, index);
        codeOwners.add(op);
      }
      operatorTables[i] = operator(fb, op, index);
    }

    int subgraph = subgraph(fb, graph, tensorTables, operatorTables);
    int[] codeTables = new int[codeOwners.size()];
    for (int i = 0; i < codeTables.length; i++) {
      codeTables[i] = operatorCode(fb, codeOwners.get(i).op(), codeOwners.get(i).version());
    }

    int codesVector = fb.createOffsetVector(codeTables);
    int subgraphsVector = fb.createOffsetVector(new int[] {subgraph});
    int description = fb.createString(graph.description());
    int buffersVector = fb.createOffsetVector(bufferTables.stream().mapToInt(Integer::intValue).toArray());
    // Model: 0 version, 1 operator_codes, 2 subgraphs, 3 description, 4 buffers.
    fb.startTable(5);
    fb.addFieldInt(0, SCHEMA_VERSION, 0);
    fb.addFieldOffset(1, codesVector);
    fb.addFieldOffset(2, subgraphsVector);
    fb.addFieldOffset(3, description);
    fb.addFieldOffset(4, buffersVector);
    int model = fb.endTable();
    return fb.finish(model, FILE_IDENTIFIER);
  }

  public void write(ModelGraph graph, Path file) throws IOException {
    Files.write(file, write(graph));
  }

  private static int emptyBuffer(FlatBufferBuilder fb) {
    fb.startTable(0);
    return fb.endTable();
  }

  private static int dataBuffer(FlatBufferBuilder fb, byte[] data) {
    int vector = fb.createByteVector(data, BUFFER_ALIGNMENT);
    fb.startTable(1); // Buffer: 0 data
    fb.addFieldOffset(0, vector);
    return fb.endTable();
  }

  private static int tensor(FlatBufferBuilder fb, Tensor t, int buffer) {
    int shape = fb.createIntVector(t.shape());
    int name = fb.createString(t.name());
    int quantization = t.quantization().map(q -> quantization(fb, q)).orElse(0);
    // Tensor: 0 shape, 1 type, 2 buffer, 3 name, 4 quantization.
    fb.startTable(5);
    fb.addFieldOffset(0, shape);
    fb.addFieldByte(1, t.type().schemaCode(), 0);
    fb.addFieldInt(2, buffer, 0);
    fb.addFieldOffset(3, name);
    if (quantization != 0) {
      fb.addFieldOffset(4, quantization);
    }
    return fb.endTable();
  }

  private static int quantization(FlatBufferBuilder fb, Quantization q) {
    int min = q.min().length == 0 ? 0 : fb.createFloatVector(q.min());
    int max = q.max().length == 0 ? 0 : fb.createFloatVector(q.max());
    int scale = fb.createFloatVector(q.scales());
    int zeroPoint = fb.createLongVector(q.zeroPoints());
    // QuantizationParameters: 0 min, 1 max, 2 scale, 3 zero_point, 4 details_type, 5 details,
    // 6 quantized_dimension.
    fb.startTable(7);
    if (min != 0) {
      fb.addFieldOffset(0, min);
      fb.addFieldOffset(1, max);
    }
    fb.addFieldOffset(2, scale);
    fb.addFieldOffset(3, zeroPoint);
    fb.addFieldInt(6, q.quantizedDimension(), 0);
    return fb.endTable();
  }

  private static int operator(FlatBufferBuilder fb, Operator op, int opcodeIndex) {
    int inputs = fb.createIntVector(op.inputs());
    int outputs = fb.createIntVector(op.outputs());
    OptionsEncoder.Encoded options = OptionsEncoder.encode(fb, op.options());
    // Operator: 0 opcode_index, 1 inputs, 2 outputs, 3 builtin_options_type, 4 builtin_options.
    fb.startTable(5);
    fb.addFieldInt(0, opcodeIndex, 0);
    fb.addFieldOffset(1, inputs);
    fb.addFieldOffset(2, outputs);
    fb.addFieldOffset(4, options.table());
    fb.addFieldByte(3, options.unionType(), 0);
    return fb.endTable();
  }

  private static int subgraph(FlatBufferBuilder fb, ModelGraph g, int[] tensors, int[] operators) {
    int tensorsVector = fb.createOffsetVector(tensors);
    int inputs = fb.createIntVector(g.inputs());
    int outputs = fb.createIntVector(g.outputs());
    int operatorsVector = fb.createOffsetVector(operators);
    int name = fb.createString(g.subgraphName());
    // SubGraph: 0 tensors, 1 inputs, 2 outputs, 3 operators, 4 name.
    fb.startTable(5);
    fb.addFieldOffset(0, tensorsVector);
    fb.addFieldOffset(1, inputs);
    fb.addFieldOffset(2, outputs);
    fb.addFieldOffset(3, operatorsVector);
    fb.addFieldOffset(4, name);
    return fb.endTable();
  }

  private static int operatorCode(FlatBufferBuilder fb, BuiltinOperator op, int version) {
    // OperatorCode: 0 deprecated_builtin_code (byte), 1 custom_code, 2 version (default 1),
    // 3 builtin_code. Old readers only know the byte; new ones take the larger of the two.
    fb.startTable(4);
    fb.addFieldInt(3, op.code(), 0);
    fb.addFieldInt(2, version, 1);
    fb.addFieldByte(0, Math.min(op.code(), PLACEHOLDER_FOR_GREATER_OP_CODES), 0);
    return fb.endTable();
  }
}
