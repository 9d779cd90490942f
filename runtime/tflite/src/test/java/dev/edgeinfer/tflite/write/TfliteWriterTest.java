package dev.edgeinfer.tflite.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgeinfer.tflite.graph.Activation;
import dev.edgeinfer.tflite.graph.BuiltinOperator;
import dev.edgeinfer.tflite.graph.ModelGraph;
import dev.edgeinfer.tflite.graph.Operator;
import dev.edgeinfer.tflite.graph.OperatorOptions;
import dev.edgeinfer.tflite.graph.Quantization;
import dev.edgeinfer.tflite.graph.Tensor;
import dev.edgeinfer.tflite.graph.TensorData;
import dev.edgeinfer.tflite.graph.TensorType;
import dev.edgeinfer.tflite.read.ModelDescription;
import dev.edgeinfer.tflite.read.ModelReader;
import dev.edgeinfer.tflite.read.TensorDescription;
import org.junit.jupiter.api.Test;

class TfliteWriterTest {

  // Field ids from tflite-schema.fbs.
  private static final int MODEL_VERSION = 0, MODEL_OPCODES = 1, MODEL_SUBGRAPHS = 2, MODEL_DESCRIPTION = 3,
      MODEL_BUFFERS = 4;
  private static final int SG_TENSORS = 0, SG_INPUTS = 1, SG_OUTPUTS = 2, SG_OPERATORS = 3;
  private static final int T_SHAPE = 0, T_TYPE = 1, T_BUFFER = 2, T_NAME = 3, T_QUANT = 4;
  private static final int Q_SCALE = 2, Q_ZERO = 3, Q_DIM = 6;
  private static final int OP_OPCODE = 0, OP_INPUTS = 1, OP_OUTPUTS = 2, OP_OPTIONS_TYPE = 3, OP_OPTIONS = 4;
  private static final int OC_DEPRECATED = 0, OC_VERSION = 2, OC_BUILTIN = 3;

  /** float in -> QUANTIZE -> int8 FC (per-channel, RELU) -> SOFTMAX -> DEQUANTIZE -> float out. */
  private static ModelGraph graph() {
    ModelGraph.Builder b = ModelGraph.builder().description("writer test");
    int in = b.addTensor(Tensor.activation("in", TensorType.FLOAT32, new int[] {1, 3}, null));
    int qin = b.addTensor(Tensor.activation("qin", TensorType.INT8, new int[] {1, 3}, Quantization.perTensor(0.5f, -3)));
    int w = b.addTensor(Tensor.constant("w", TensorType.INT8, new int[] {2, 3}, new byte[] {1, 2, 3, -4, -5, -127},
        Quantization.perChannel(new float[] {0.1f, 0.2f}, new long[] {0, 0}, 0)));
    int bias = b.addTensor(Tensor.constant("b", TensorType.INT32, new int[] {2}, TensorData.fromInts(new int[] {7, -9}),
        Quantization.perChannel(new float[] {0.05f, 0.1f}, new long[] {0, 0}, 0)));
    int h = b.addTensor(Tensor.activation("h", TensorType.INT8, new int[] {1, 2}, Quantization.perTensor(0.25f, -128)));
    int sm = b.addTensor(Tensor.activation("sm", TensorType.INT8, new int[] {1, 2}, Quantization.perTensor(1f / 256, -128)));
    int out = b.addTensor(Tensor.activation("out", TensorType.FLOAT32, new int[] {1, 2}, null));
    b.addOperator(new Operator(BuiltinOperator.QUANTIZE, 1, new int[] {in}, new int[] {qin}, new OperatorOptions.Quantize()));
    b.addOperator(new Operator(BuiltinOperator.FULLY_CONNECTED, 4, new int[] {qin, w, bias}, new int[] {h},
        new OperatorOptions.FullyConnected(Activation.RELU)));
    b.addOperator(new Operator(BuiltinOperator.SOFTMAX, 2, new int[] {h}, new int[] {sm}, new OperatorOptions.Softmax(1f)));
    b.addOperator(new Operator(BuiltinOperator.DEQUANTIZE, 2, new int[] {sm}, new int[] {out}, new OperatorOptions.Dequantize()));
    return b.inputs(in).outputs(out).build();
  }

  /** The writer's output passes our own checked reader, which sees the graph that was written. */
  @Test
  void write_thenRead_withTheCheckedReader_givesTheSameGraph() throws Exception {
    ModelDescription m = new ModelReader().read(java.nio.ByteBuffer.wrap(new TfliteWriter().write(graph())));
    assertEquals("writer test", m.description());
    assertEquals(java.util.List.of("QUANTIZE", "FULLY_CONNECTED", "SOFTMAX", "DEQUANTIZE"), m.operatorNames());
    assertEquals(4, m.operators().get(1).version());
    TensorDescription w = m.tensors().get(2);
    assertEquals("w", w.name());
    assertEquals("INT8", w.typeName());
    assertArrayEquals(new int[] {2, 3}, w.shape());
    assertEquals(6, w.dataBytes());
    assertArrayEquals(new float[] {0.1f, 0.2f}, w.scales());
    assertEquals(8, m.tensors().get(3).dataBytes());
    assertArrayEquals(new long[] {-128}, m.tensors().get(5).zeroPoints());
    assertArrayEquals(new int[] {0}, m.inputs());
    assertArrayEquals(new int[] {6}, m.outputs());
  }

  @Test
  void write_sameGraphTwice_givesIdenticalBytes() {
    assertArrayEquals(new TfliteWriter().write(graph()), new TfliteWriter().write(graph()));
  }

  @Test
  void write_modelHeader_hasSchemaVersion3IdentifierAndEmptyBufferZero() {
    FlatBufferReader r = new FlatBufferReader(new TfliteWriter().write(graph()));
    int model = r.root();
    assertEquals("TFL3", r.fileIdentifier());
    assertEquals(3, r.intField(model, MODEL_VERSION, 0));
    assertEquals("writer test", r.string(r.refField(model, MODEL_DESCRIPTION)));
    int buffers = r.refField(model, MODEL_BUFFERS);
    assertEquals(3, r.vectorLength(buffers), "sentinel plus two constants");
    assertEquals(0, r.field(r.refElement(buffers, 0), 0), "buffer 0 holds no data");
  }

  @Test
  void write_tensors_carryShapeTypeNameDataAndPerChannelQuantization() {
    FlatBufferReader r = new FlatBufferReader(new TfliteWriter().write(graph()));
    int model = r.root();
    int subgraph = r.refElement(r.refField(model, MODEL_SUBGRAPHS), 0);
    int tensors = r.refField(subgraph, SG_TENSORS);
    assertEquals(7, r.vectorLength(tensors));
    assertArrayEquals(new int[] {0}, r.intVector(r.refField(subgraph, SG_INPUTS)));
    assertArrayEquals(new int[] {6}, r.intVector(r.refField(subgraph, SG_OUTPUTS)));

    int w = r.refElement(tensors, 2);
    assertEquals("w", r.string(r.refField(w, T_NAME)));
    assertArrayEquals(new int[] {2, 3}, r.intVector(r.refField(w, T_SHAPE)));
    assertEquals(9, r.byteField(w, T_TYPE, 0), "INT8");
    int buffer = r.intField(w, T_BUFFER, 0);
    assertEquals(1, buffer);
    int data = r.refField(r.refElement(r.refField(model, MODEL_BUFFERS), buffer), 0);
    assertArrayEquals(new byte[] {1, 2, 3, -4, -5, -127}, r.byteVector(data));
    assertEquals(0, r.vectorBody(data) % 16, "buffer data is force_align 16");
    int q = r.refField(w, T_QUANT);
    assertArrayEquals(new float[] {0.1f, 0.2f}, r.floatVector(r.refField(q, Q_SCALE)));
    assertArrayEquals(new long[] {0, 0}, r.longVector(r.refField(q, Q_ZERO)));
    assertEquals(0, r.field(q, Q_DIM), "quantized_dimension 0 is the default, so it is left out");

    int in = r.refElement(tensors, 0);
    assertEquals(0, r.byteField(in, T_TYPE, 0), "FLOAT32");
    assertEquals(0, r.intField(in, T_BUFFER, 0), "activations point at the sentinel");
    assertEquals(0, r.field(in, T_QUANT));
    int qin = r.refField(r.refElement(tensors, 1), T_QUANT);
    assertArrayEquals(new long[] {-3}, r.longVector(r.refField(qin, Q_ZERO)));
  }

  @Test
  void write_operators_haveOpcodesVersionsAndOptions() {
    FlatBufferReader r = new FlatBufferReader(new TfliteWriter().write(graph()));
    int model = r.root();
    int codes = r.refField(model, MODEL_OPCODES);
    assertEquals(4, r.vectorLength(codes));
    int quantize = r.refElement(codes, 0);
    assertEquals(114, r.byteField(quantize, OC_DEPRECATED, 0));
    assertEquals(114, r.intField(quantize, OC_BUILTIN, 0));
    assertEquals(1, r.intField(quantize, OC_VERSION, 1));
    int fc = r.refElement(codes, 1);
    assertEquals(9, r.byteField(fc, OC_DEPRECATED, 0));
    assertEquals(9, r.intField(fc, OC_BUILTIN, 0));
    assertEquals(4, r.intField(fc, OC_VERSION, 1));

    int ops = r.refField(r.refElement(r.refField(model, MODEL_SUBGRAPHS), 0), SG_OPERATORS);
    int fcOp = r.refElement(ops, 1);
    assertEquals(1, r.intField(fcOp, OP_OPCODE, 0));
    assertArrayEquals(new int[] {1, 2, 3}, r.intVector(r.refField(fcOp, OP_INPUTS)));
    assertArrayEquals(new int[] {4}, r.intVector(r.refField(fcOp, OP_OUTPUTS)));
    assertEquals(8, r.byteField(fcOp, OP_OPTIONS_TYPE, 0), "FullyConnectedOptions");
    assertEquals(1, r.byteField(r.refField(fcOp, OP_OPTIONS), 0, 0), "fused RELU");
    int smOp = r.refElement(ops, 2);
    assertEquals(9, r.byteField(smOp, OP_OPTIONS_TYPE, 0), "SoftmaxOptions");
    assertEquals(1f, r.floatField(r.refField(smOp, OP_OPTIONS), 0, 0f));
    assertEquals(89, r.byteField(r.refElement(ops, 0), OP_OPTIONS_TYPE, 0), "QuantizeOptions");
    assertEquals(38, r.byteField(r.refElement(ops, 3), OP_OPTIONS_TYPE, 0), "DequantizeOptions");
  }
}
