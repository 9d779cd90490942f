package dev.edgeinfer.demo;

import dev.edgeinfer.tflite.graph.ModelGraph;
import dev.edgeinfer.tflite.quantize.FloatEvaluator;
import dev.edgeinfer.tflite.quantize.Int8Quantizer;
import dev.edgeinfer.tflite.write.TfliteWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Makes the model pairs of the example device configs that have no recorded data to learn from:
 * {@code motion} (PIR levels, for the Pi Zero 2 W) and {@code room} (BME280 temperature and humidity,
 * for the Pi 5), from seeded synthetic windows, the same way as the vibration demo: trained in Java,
 * written by our own writer, quantized by our own quantizer, byte for byte the same on every
 * machine. They show the configs working end to end; a real deployment trains on its own data.
 */
public final class ExampleModelGenerator {
  static final long TRAIN_SEED = 20260101L;
  static final long HELD_OUT_SEED = 99L;
  static final int TRAIN_WINDOWS = 4000;
  static final int HELD_OUT_WINDOWS = 1000;
  private static final long INIT_SEED = 7L;
  private static final int EPOCHS = 30;
  private static final int BATCH = 32;
  private static final double LEARNING_RATE = 0.003;

  static final List<ExampleTask> TASKS = List.of(new MotionTask(), new RoomTask());

  /** What a task produced. */
  public record Result(String name, double heldOutAccuracy, long fp32Bytes, long int8Bytes) {}

  public List<Result> generate(Path outputDir) throws IOException {
    Files.createDirectories(outputDir);
    return TASKS.stream().map(t -> {
      try {
        return generate(t, outputDir);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).toList();
  }

  static Result generate(ExampleTask task, Path outputDir) throws IOException {
    LabelledWindows train = task.generate(TRAIN_SEED, TRAIN_WINDOWS);
    Standardizer standardizer = Standardizer.fit(train.features());
    double[][] inputs = new double[train.size()][];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = standardizer.apply(train.features()[i]);
    }
    DenseNet net = DenseNet.init(task.layerSizes(), new Random(INIT_SEED));
    new AdamTrainer(LEARNING_RATE, BATCH, EPOCHS).train(net, inputs, train.labels(), new Random(INIT_SEED + 1));
    standardizer.foldInto(net);

    ModelGraph fp32 = GraphExport.toGraph(net, "edgeinfer example: " + task.name() + " (" + String.join(", ", task.labels()) + ")");
    ModelGraph int8 = new Int8Quantizer().quantize(fp32, Arrays.asList(train.features()));
    TfliteWriter writer = new TfliteWriter();
    byte[] fp32Bytes = writer.write(fp32);
    byte[] int8Bytes = writer.write(int8);
    Files.write(outputDir.resolve(task.name() + "_fp32.tflite"), fp32Bytes);
    Files.write(outputDir.resolve(task.name() + "_int8.tflite"), int8Bytes);
    Files.writeString(outputDir.resolve(task.name() + ".labels"), String.join("\n", task.labels()) + "\n",
        StandardCharsets.UTF_8);
    double accuracy = DemoModelGenerator.accuracy(new FloatEvaluator(fp32), task.generate(HELD_OUT_SEED, HELD_OUT_WINDOWS));
    return new Result(task.name(), accuracy, fp32Bytes.length, int8Bytes.length);
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ExampleModelGenerator OUTPUT_DIR");
      System.exit(2);
    }
    for (Result r : new ExampleModelGenerator().generate(Path.of(args[0]))) {
      System.out.printf("%s: fp32 %d bytes, int8 %d bytes, float held-out accuracy %.4f%n", r.name(), r.fp32Bytes(),
          r.int8Bytes(), r.heldOutAccuracy());
    }
  }
}
