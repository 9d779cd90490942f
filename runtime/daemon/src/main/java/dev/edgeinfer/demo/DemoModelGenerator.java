package dev.edgeinfer.demo;

import dev.edgeinfer.sensor.MachineState;
import dev.edgeinfer.tflite.graph.ModelGraph;
import dev.edgeinfer.tflite.quantize.FloatEvaluator;
import dev.edgeinfer.tflite.quantize.Int8Quantizer;
import dev.edgeinfer.tflite.write.TfliteWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Makes the demo model pair from nothing but seeds: trains a 24-32-16-4 classifier on synthetic
 * vibration windows, writes {@code vibration_fp32.tflite}, its post-training INT8 twin
 * {@code vibration_int8.tflite}, and {@code vibration.labels}. Every step is seeded and uses
 * StrictMath, so the files come out byte for byte the same on every machine; a test holds the
 * committed copies in {@code device-config/models/} to that.
 */
public final class DemoModelGenerator {

  public static final String FP32_FILE = "vibration_fp32.tflite";
  public static final String INT8_FILE = "vibration_int8.tflite";
  public static final String LABELS_FILE = "vibration.labels";

  public static final long TRAIN_SEED = 20250101L;
  /** A different seed, for windows the model never saw. */
  public static final long HELD_OUT_SEED = 77L;
  public static final int TRAIN_CYCLES = 30;
  public static final int HELD_OUT_CYCLES = 10;
  static final int[] LAYER_SIZES = {24, 32, 16, 4};
  private static final long INIT_SEED = 42L;
  private static final int EPOCHS = 40;
  private static final int BATCH = 32;
  private static final double LEARNING_RATE = 0.003;

  /** What a run produced, for the log. */
  public record Result(double trainAccuracy, double heldOutAccuracy, long fp32Bytes, long int8Bytes) {}

  public static List<String> labels() {
    List<String> labels = new ArrayList<>();
    for (MachineState s : DemoDataset.STATES) {
      labels.add(s.configName());
    }
    return labels;
  }

  public Result generate(Path outputDir) throws IOException {
    LabelledWindows train = DemoDataset.generate(TRAIN_SEED, TRAIN_CYCLES);
    Standardizer standardizer = Standardizer.fit(train.features());
    double[][] inputs = new double[train.size()][];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = standardizer.apply(train.features()[i]);
    }
    DenseNet net = DenseNet.init(LAYER_SIZES, new Random(INIT_SEED));
    new AdamTrainer(LEARNING_RATE, BATCH, EPOCHS).train(net, inputs, train.labels(), new Random(INIT_SEED + 1));
    standardizer.foldInto(net);

    ModelGraph fp32 = GraphExport.toGraph(net, "edgeinfer demo: machine state from vibration band energies");
    ModelGraph int8 = new Int8Quantizer().quantize(fp32, Arrays.asList(train.features()));

    Files.createDirectories(outputDir);
    TfliteWriter writer = new TfliteWriter();
    byte[] fp32Bytes = writer.write(fp32);
    byte[] int8Bytes = writer.write(int8);
    Files.write(outputDir.resolve(FP32_FILE), fp32Bytes);
    Files.write(outputDir.resolve(INT8_FILE), int8Bytes);
    Files.writeString(outputDir.resolve(LABELS_FILE), String.join("\n", labels()) + "\n", StandardCharsets.UTF_8);

    FloatEvaluator evaluator = new FloatEvaluator(fp32);
    return new Result(accuracy(evaluator, train),
        accuracy(evaluator, DemoDataset.generate(HELD_OUT_SEED, HELD_OUT_CYCLES)),
        fp32Bytes.length, int8Bytes.length);
  }

  static double accuracy(FloatEvaluator evaluator, LabelledWindows data) {
    int correct = 0;
    for (int i = 0; i < data.size(); i++) {
      if (argmax(evaluator.output(data.features()[i])) == data.labels()[i]) {
        correct++;
      }
    }
    return (double) correct / data.size();
  }

  static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: DemoModelGenerator OUTPUT_DIR");
      System.exit(2);
    }
    long start = System.nanoTime();
    Result r = new DemoModelGenerator().generate(Path.of(args[0]));
    System.out.printf("wrote %s (%d bytes), %s (%d bytes), %s in %.2f s; float accuracy: train %.4f, held-out %.4f%n",
        FP32_FILE, r.fp32Bytes(), INT8_FILE, r.int8Bytes(), LABELS_FILE, (System.nanoTime() - start) / 1e9,
        r.trainAccuracy(), r.heldOutAccuracy());
  }
}
