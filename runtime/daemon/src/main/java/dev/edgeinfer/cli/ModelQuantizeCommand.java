package dev.edgeinfer.cli;

import dev.edgeinfer.engine.Engines;
import dev.edgeinfer.engine.ModelLoadException;
import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.policy.CompareData;
import dev.edgeinfer.policy.ModelComparison;
import dev.edgeinfer.tflite.graph.GraphImport;
import dev.edgeinfer.tflite.graph.ModelGraph;
import dev.edgeinfer.tflite.quantize.Int8Quantizer;
import dev.edgeinfer.tflite.read.TensorDescription;
import dev.edgeinfer.tflite.write.TfliteWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code edgeinfer model quantize --calibration DATA -o OUT IN}: post-training full-integer
 * quantization of an FP32 model, calibrated on the feature rows of DATA (the format {@code model
 * compare} reads), then checked the way a user would check it: the written file is read back by
 * the pure-Java reader and run against its FP32 source on the same rows.
 */
@Command(name = "quantize", mixinStandardHelpOptions = true,
    description = "Post-training INT8 quantization of an FP32 model (FULLY_CONNECTED and SOFTMAX graphs).")
public final class ModelQuantizeCommand implements Callable<Integer> {
  @Parameters(paramLabel = "IN_fp32.tflite")
  Path input;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT_int8.tflite")
  Path output;

  @Option(names = "--calibration", required = true, paramLabel = "DATA.csv", description = "Feature vectors, one per "
      + "line, under a header (a label column, if any, is ignored); their ranges set the INT8 scales.")
  Path calibration;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ModelGraph fp32;
    try {
      fp32 = GraphImport.fromDescription(Engines.describe(input));
    } catch (ModelLoadException e) {
      throw new UsageError(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UsageError(input + ": cannot quantize: " + e.getMessage());
    }
    CompareData rows;
    try {
      rows = CompareData.read(calibration, List.of(), outputElements(input));
    } catch (CompareData.DataException e) {
      throw new UsageError(e.getMessage());
    }
    int features = fp32.tensor(fp32.inputs()[0]).elementCount();
    if (rows.features().get(0).length != features) {
      throw new UsageError(calibration + ": rows have " + rows.features().get(0).length + " values but "
          + input + " takes " + features);
    }
    ModelGraph int8;
    try {
      int8 = new Int8Quantizer().quantize(fp32, rows.features());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UsageError(input + ": cannot quantize: " + e.getMessage());
    }
    byte[] bytes = new TfliteWriter().write(int8);
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.write(output, bytes);
    ModelComparison.Result check = ModelComparison.run(output, input, Engines.Options.of(EngineKind.JAVA, 1), rows, 1);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "wrote %s: %,d bytes (FP32 %,d bytes), calibrated on %,d rows%n", output, bytes.length,
        Files.size(input), rows.rows());
    out.printf(Locale.ROOT, "on the calibration rows: top-1 agreement %.1f%%, mean |int8 - fp32| %.4f%n",
        100.0 * check.top1Agreeing() / check.rows(), check.meanAbsDifference());
    out.flush();
    return 0;
  }

  private static int outputElements(Path model) throws ModelLoadException {
    TensorDescription out = Engines.describe(model).outputTensors().get(0);
    int n = 1;
    for (int d : out.shape()) {
      n *= d;
    }
    return n;
  }
}
