package dev.edgeinfer.testing;

import dev.edgeinfer.demo.DemoDataset;
import dev.edgeinfer.demo.LabelledWindows;
import dev.edgeinfer.tflite.graph.GraphImport;
import dev.edgeinfer.tflite.graph.ModelGraph;
import dev.edgeinfer.tflite.quantize.Int8Quantizer;
import dev.edgeinfer.tflite.read.ModelReader;
import dev.edgeinfer.tflite.write.TfliteWriter;
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

  static ModelGraph readFloatGraph(Path file) throws Exception {
    return GraphImport.fromDescription(new ModelReader().read(file));
  }
}
