package dev.edgeinfer.bench;

import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.engine.Engines;
import dev.edgeinfer.engine.InferenceEngine;
import dev.edgeinfer.engine.ModelLoadException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The pure-Java engine against native TensorFlow Lite 2.19 (builtin kernels, and with XNNPACK),
 * one thread each, on the same inputs, measured side by side in one run: rounds alternate between
 * the engines and the per-invoke median of each is compared.
 */
public final class EnginesBenchmark {
  private EnginesBenchmark() {}

  /** One model's row. Times are per-invoke medians in nanoseconds; NaN when that engine cannot run it. */
  public record Row(String model, double nativeNanos, double xnnpackNanos, double javaNanos, String note) {
    public double ratio() {
      return javaNanos / nativeNanos;
    }
  }

  /** The goal for a model: 2.0x TensorFlow Lite on mobilenet_v2, 1.0x on the small models. */
  public static double goal(String model) {
    return model.startsWith("mobilenet") ? 2.0 : 1.0;
  }

  public static Row run(Path model, List<byte[]> inputs, int rounds, long targetNanosPerRound) {
    List<InferenceEngine> engines = new ArrayList<>();
    String note = "";
    try {
      InferenceEngine plain = open(model, EngineKind.TFLITE, false);
      InferenceEngine xnnpack = open(model, EngineKind.TFLITE, true);
      InferenceEngine java;
      try {
        java = open(model, EngineKind.JAVA, false);
      } catch (ModelLoadException e) {
        java = null;
        note = e.getMessage().substring(model.toString().length() + 2);
      }
      engines.add(plain);
      engines.add(xnnpack);
      engines.add(java);
      for (InferenceEngine e : engines) {
        if (e != null) {
          feed(e, inputs);
        }
      }
      int calls = callsPerRound(plain, targetNanosPerRound);
      double[] medians = new double[3];
      long[][] times = new long[3][rounds];
      for (InferenceEngine e : engines) {
        if (e != null) {
          for (int i = 0; i < Math.max(3, calls); i++) {
            e.invoke();
          }
        }
      }
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < 3; k++) {
          InferenceEngine e = engines.get(k);
          if (e == null) {
            continue;
          }
          long start = System.nanoTime();
          for (int c = 0; c < calls; c++) {
            e.invoke();
          }
          times[k][r] = System.nanoTime() - start;
        }
      }
      for (int k = 0; k < 3; k++) {
        medians[k] = engines.get(k) == null ? Double.NaN : median(times[k]) / calls;
      }
      return new Row(model.getFileName().toString().replace(".tflite", ""), medians[0], medians[1], medians[2], note);
    } catch (ModelLoadException e) {
      return new Row(model.getFileName().toString(), Double.NaN, Double.NaN, Double.NaN, e.getMessage());
    } finally {
      engines.forEach(e -> {
        if (e != null) {
          e.close();
        }
      });
    }
  }

  private static InferenceEngine open(Path model, EngineKind kind, boolean xnnpack) throws ModelLoadException {
    return Engines.open(model, new Engines.Options(kind, 1, xnnpack));
  }

  private static void feed(InferenceEngine e, List<byte[]> inputs) {
    for (int i = 0; i < e.inputs().size(); i++) {
      var buffer = e.input(i);
      if (i < inputs.size() && inputs.get(i).length == buffer.remaining()) {
        buffer.put(inputs.get(i));
      }
    }
    e.resetState();
  }

  /** Enough calls that one round of the native engine lasts about {@code target}. */
  private static int callsPerRound(InferenceEngine e, long target) {
    long start = System.nanoTime();
    int n = 0;
    while (System.nanoTime() - start < target / 10 || n < 2) {
      e.invoke();
      n++;
    }
    long per = Math.max(1, (System.nanoTime() - start) / n);
    return (int) Math.max(1, Math.min(1_000_000, target / per));
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** The golden case 0 inputs of a conformance model, or nothing (engines then run on zeros). */
  public static List<byte[]> goldenInputs(Path goldens, String model) throws IOException {
    List<byte[]> inputs = new ArrayList<>();
    Path dir = goldens.resolve(model);
    for (int i = 0; Files.exists(dir.resolve("case0.input" + i + ".bin")); i++) {
      inputs.add(Files.readAllBytes(dir.resolve("case0.input" + i + ".bin")));
    }
    return inputs;
  }

  public static void print(PrintStream out, List<Row> rows) {
    out.println("engines (1 thread; per-invoke median; ratio = java / tflite builtin):");
    out.printf(Locale.ROOT, "  %-36s %12s %12s %12s %8s %6s  %s%n", "model", "tflite", "tflite+xnn", "java", "ratio",
        "goal", "");
    for (Row r : rows) {
      String verdict = Double.isNaN(r.ratio()) ? "" : r.ratio() <= goal(r.model()) ? "met" : "NOT met";
      out.printf(Locale.ROOT, "  %-36s %12s %12s %12s %8s %5.1fx  %s%s%n", r.model(), time(r.nativeNanos()),
          time(r.xnnpackNanos()), time(r.javaNanos()), Double.isNaN(r.ratio()) ? "-" : String.format(Locale.ROOT,
              "%.2fx", r.ratio()), goal(r.model()), verdict, r.note().isEmpty() ? "" : " (" + r.note() + ")");
    }
  }

  private static String time(double nanos) {
    if (Double.isNaN(nanos)) {
      return "-";
    }
    return nanos >= 1e6 ? String.format(Locale.ROOT, "%.2f ms", nanos / 1e6)
        : String.format(Locale.ROOT, "%.2f us", nanos / 1e3);
  }

  /** For callers that build rows lazily. */
  public static List<Row> runAll(List<Supplier<Row>> rows) {
    return rows.stream().map(Supplier::get).toList();
  }
}
