package dev.edgeinfer.testing;

import dev.edgeinfer.demo.DemoDataset;
import dev.edgeinfer.demo.LabelledWindows;
import dev.edgeinfer.tflite.graph.Activation;
import dev.edgeinfer.tflite.graph.BuiltinOperator;
import dev.edgeinfer.tflite.graph.ModelGraph;
import dev.edgeinfer.tflite.graph.Operator;
import dev.edgeinfer.tflite.graph.OperatorOptions;
import dev.edgeinfer.tflite.graph.Tensor;
import dev.edgeinfer.tflite.graph.TensorData;
import dev.edgeinfer.tflite.graph.TensorType;
import dev.edgeinfer.tflite.quantize.Int8Quantizer;
import dev.edgeinfer.tflite.read.ModelDescription;
import dev.edgeinfer.tflite.read.ModelReader;
import dev.edgeinfer.tflite.read.OperatorDescription;
import dev.edgeinfer.tflite.read.TensorDescription;
import dev.edgeinfer.tflite.write.TfliteWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A test fixture: the demo FP32 model quantized to INT8 by our own quantizer with a deliberately
 * bad calibration set, the training windows shrunk toward zero by {@code calibrationScale}. The
 * input's quantization range then covers only a sliver of the real features, which saturate:
 * the model still loads and runs, and is confidently wrong much of the time, the way a model
 * quantized with unrepresentative data is.
 */
public final class DegradedInt8Model {
  /** The seed the demo generator trains on: calibration data from it, as the real quantization does. */
  private static final long TRAIN_SEED = 20250101L;

  private DegradedInt8Model() {}

  public static Path write(Path file, float calibrationScale) throws Exception {
    ModelGraph fp32 = readFloatGraph(DemoModels.fp32());
    LabelledWindows train = DemoDataset.generate(TRAIN_SEED, 2);
    List<float[]> calibration = new ArrayList<>();
    for (float[] f : train.features()) {
      float[] shrunk = f.clone();
      for (int i = 0; i < shrunk.length; i++) {
        shrunk[i] *= calibrationScale;
      }
      calibration.add(shrunk);
    }
    ModelGraph int8 = new Int8Quantizer().quantize(fp32, calibration);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, new TfliteWriter().write(int8));
    return file;
  }

  /** Rebuilds an FP32 graph of FULLY_CONNECTED and SOFTMAX operators from a .tflite file. */
  static ModelGraph readFloatGraph(Path file) throws Exception {
    ModelDescription d = new ModelReader().read(file);
    ModelGraph.Builder b = ModelGraph.builder().description(d.description());
    for (TensorDescription t : d.tensors()) {
      if (t.isConstant()) {
        ByteBuffer data = d.constantData(t);
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        b.addTensor(Tensor.constantFloat(t.name(), t.shape(), TensorData.toFloats(bytes)));
      } else {
        b.addTensor(Tensor.activation(t.name(), TensorType.FLOAT32, t.shape(), null));
      }
    }
    for (OperatorDescription op : d.operators()) {
      switch (op.opName()) {
        case "FULLY_CONNECTED" -> {
          int code = op.options().getByte(0, (byte) 0);
          Activation act = java.util.Arrays.stream(Activation.values()).filter(a -> a.schemaCode() == code)
              .findFirst().orElseThrow();
          b.addOperator(new Operator(BuiltinOperator.FULLY_CONNECTED, op.version(), op.inputs(), op.outputs(),
              new OperatorOptions.FullyConnected(act)));
        }
        case "SOFTMAX" -> b.addOperator(new Operator(BuiltinOperator.SOFTMAX, op.version(), op.inputs(), op.outputs(),
            new OperatorOptions.Softmax(op.options().getFloat(0, 1f))));
        default -> throw new IllegalArgumentException(file + ": operator " + op.opName() + " not supported here");
      }
    }
    return b.inputs(d.inputs()).outputs(d.outputs()).build();
  }
}
