package dev.edgeinfer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.engine.Engines;
import dev.edgeinfer.policy.CompareData;
import dev.edgeinfer.policy.ModelComparison;
import dev.edgeinfer.policy.VariantCost;
import dev.edgeinfer.tflite.read.TensorDescription;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code edgeinfer model compare --int8 A --fp32 B --data DATA [--json]}: the quantized model
 * against its float twin, measured on this device with the precision policy's own code: file
 * size, load time, latency p50/p99, resident memory added, top-1 agreement, mean absolute output
 * difference, and accuracy when DATA has labels. DATA's format: {@link CompareData}.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Measure an INT8 model against its FP32 twin on this device, over the rows of DATA.")
public final class ModelCompareCommand implements Callable<Integer> {
  @Option(names = "--int8", required = true, paramLabel = "A.tflite", description = "The quantized model.")
  Path int8;

  @Option(names = "--fp32", required = true, paramLabel = "B.tflite", description = "Its float twin.")
  Path fp32;

  @Option(names = "--data", required = true, paramLabel = "DATA.csv", description = "Feature vectors, one per line, "
      + "under a header; an optional column named label holds the class (a name from --labels, or an index).")
  Path data;

  @Option(names = "--labels", paramLabel = "FILE", description = "Class labels, one per line, in output order.")
  Path labels;

  @Option(names = "--engine", defaultValue = "auto", paramLabel = "auto|tflite|java", converter = EngineKindConverter.class,
      description = "Engine for both models (default: ${DEFAULT-VALUE}).")
  EngineKind engine;

  @Option(names = "--threads", defaultValue = "1", paramLabel = "T")
  int threads;

  @Option(names = "--runs", defaultValue = "500", paramLabel = "N", description = "Timed runs per model (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (runs < 1 || threads < 1) {
      throw new UsageError("--runs and --threads must be >= 1");
    }
    List<String> labelNames = labels == null ? List.of()
        : Files.readAllLines(labels, StandardCharsets.UTF_8).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
    TensorDescription out = Engines.describe(int8).outputTensors().get(0);
    int classes = 1;
    for (int d : out.shape()) {
      classes *= d;
    }
    CompareData rows;
    try {
      rows = CompareData.read(data, labelNames, classes);
    } catch (CompareData.DataException e) {
      throw new UsageError(e.getMessage());
    }
    ModelComparison.Result r;
    try {
      r = ModelComparison.run(int8, fp32, Engines.Options.of(engine, threads), rows, runs);
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
    if (json) {
      System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson(r)));
    } else {
      print(System.out, r);
    }
    return Main.OK;
  }

  private ObjectNode toJson(ModelComparison.Result r) {
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.put("data", data.toString()).put("rows", r.rows()).put("labelledRows", r.labelledRows()).put("runs", runs);
    root.set("int8", variant(r.costs().int8(), int8, r.int8Accuracy(), r.int8Correct(), r.labelledRows()));
    root.set("fp32", variant(r.costs().fp32(), fp32, r.fp32Accuracy(), r.fp32Correct(), r.labelledRows()));
    root.put("top1Agreement", r.top1Agreement()).put("top1AgreeingRows", r.top1Agreeing());
    root.put("meanAbsDifference", r.meanAbsDifference()).put("outputsCompared", r.outputsCompared());
    return root;
  }

  private static ObjectNode variant(VariantCost c, Path file, OptionalDouble accuracy, int correct, int labelled) {
    ObjectNode o = new ObjectMapper().createObjectNode()
        .put("file", file.toString())
        .put("engine", c.engine())
        .put("fileBytes", c.fileBytes())
        .put("loadMs", c.loadMillis())
        .put("latencyP50Ms", c.latencyP50Ms())
        .put("latencyP99Ms", c.latencyP99Ms());
    c.residentBytesAdded().ifPresentOrElse(b -> o.put("residentBytesAdded", b), () -> o.putNull("residentBytesAdded"));
    if (accuracy.isPresent()) {
      o.put("accuracy", accuracy.getAsDouble()).put("correctRows", correct);
    } else {
      o.putNull("accuracy");
    }
    return o;
  }

  private void print(PrintStream out, ModelComparison.Result r) {
    VariantCost a = r.costs().int8();
    VariantCost b = r.costs().fp32();
    out.printf(Locale.ROOT, "model compare on this device: %s (int8) against %s (fp32), engine %s%n", int8.getFileName(),
        fp32.getFileName(), a.engine());
    out.printf(Locale.ROOT, "data: %s, %d rows%s; latency over %d runs each, alternating%n%n", data, r.rows(),
        r.labelledRows() > 0 ? " with labels" : "", runs);
    out.printf(Locale.ROOT, "  %-24s %16s %16s%n", "", "int8", "fp32");
    row(out, "file size", a, b, c -> String.format(Locale.ROOT, "%,d B", c.fileBytes()));
    row(out, "load time", a, b, c -> String.format(Locale.ROOT, "%.3f ms", c.loadMillis()));
    row(out, "latency p50", a, b, c -> String.format(Locale.ROOT, "%.4f ms", c.latencyP50Ms()));
    row(out, "latency p99", a, b, c -> String.format(Locale.ROOT, "%.4f ms", c.latencyP99Ms()));
    row(out, "resident memory added", a, b, c -> c.residentBytesAdded().isPresent()
        ? String.format(Locale.ROOT, "%,d KiB", c.residentBytesAdded().getAsLong() / 1024) : "unknown");
    if (r.labelledRows() > 0) {
      out.printf(Locale.ROOT, "  %-24s %16s %16s%n", "accuracy",
          String.format(Locale.ROOT, "%.4f", r.int8Accuracy().getAsDouble()),
          String.format(Locale.ROOT, "%.4f", r.fp32Accuracy().getAsDouble()));
    } else {
      out.printf(Locale.ROOT, "  %-24s %16s %16s%n", "accuracy", "no labels", "no labels");
    }
    out.println();
    out.printf(Locale.ROOT, "  %-24s %.4f (%d of %d rows)%n", "top-1 agreement", r.top1Agreement(), r.top1Agreeing(),
        r.rows());
    out.printf(Locale.ROOT, "  %-24s %.6f (over %,d outputs)%n", "mean |int8 - fp32|", r.meanAbsDifference(),
        r.outputsCompared());
  }

  private static void row(PrintStream out, String name, VariantCost a, VariantCost b, Function<VariantCost, String> f) {
    out.printf(Locale.ROOT, "  %-24s %16s %16s%n", name, f.apply(a), f.apply(b));
  }
}
