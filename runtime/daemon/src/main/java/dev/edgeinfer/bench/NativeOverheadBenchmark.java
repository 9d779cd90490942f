package dev.edgeinfer.bench;

import dev.edgeinfer.engine.Engines;
import dev.edgeinfer.engine.InferenceEngine;
import dev.edgeinfer.config.ModelConfig.EngineKind;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;

/**
 * What {@link InferenceEngine#invoke()} costs over TensorFlow Lite's own {@code Interpreter::Invoke}
 * called straight through JavaCPP, on the same model, same inputs and same settings (builtin
 * kernels, one thread). Rounds alternate between the two so that both see the same machine state;
 * the per-call median of each side is compared.
 */
public final class NativeOverheadBenchmark {
  private NativeOverheadBenchmark() {}

  /** Result of one model: per-call medians in nanoseconds. */
  public record Result(String model, double rawNanos, double engineNanos) {
    public double ratio() {
      return engineNanos / rawNanos;
    }

    public double overheadMicros() {
      return (engineNanos - rawNanos) / 1000.0;
    }
  }

  public static Result run(Path modelFile, int rounds, int callsPerRound) throws Exception {
    try (FlatBufferModel model = FlatBufferModel.BuildFromFile(modelFile.toString());
        BuiltinOpResolverWithoutDefaultDelegates resolver = new BuiltinOpResolverWithoutDefaultDelegates();
        Interpreter raw = new Interpreter((Pointer) null);
        InferenceEngine engine = Engines.open(modelFile, new Engines.Options(EngineKind.TFLITE, 1, false))) {
      try (InterpreterBuilder builder = new InterpreterBuilder(model, resolver)) {
        builder.SetNumThreads(1);
        builder.apply(raw);
      }
      raw.AllocateTensors();
      long[] rawTimes = new long[rounds];
      long[] engineTimes = new long[rounds];
      for (int warm = 0; warm < Math.max(2, callsPerRound / 10); warm++) {
        raw.Invoke();
        engine.invoke();
      }
      for (int r = 0; r < rounds; r++) {
        long start = System.nanoTime();
        for (int c = 0; c < callsPerRound; c++) {
          raw.Invoke();
        }
        rawTimes[r] = System.nanoTime() - start;
        start = System.nanoTime();
        for (int c = 0; c < callsPerRound; c++) {
          engine.invoke();
        }
        engineTimes[r] = System.nanoTime() - start;
      }
      return new Result(modelFile.getFileName().toString(), median(rawTimes) / callsPerRound,
          median(engineTimes) / callsPerRound);
    }
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  public static void print(PrintStream out, Result heavy, Result light) {
    out.printf(Locale.ROOT, "native-overhead %s: raw TensorFlow Lite %.3f ms, edgeinfer engine %.3f ms per invoke,"
        + " ratio %.4f (goal <= 1.05: %s)%n", heavy.model(), heavy.rawNanos() / 1e6, heavy.engineNanos() / 1e6,
        heavy.ratio(), heavy.ratio() <= 1.05 ? "met" : "NOT met");
    out.printf(Locale.ROOT, "native-overhead %s: raw TensorFlow Lite %.3f us, edgeinfer engine %.3f us per invoke,"
        + " overhead %+.3f us per call (goal <= 2 us: %s)%n", light.model(), light.rawNanos() / 1e3,
        light.engineNanos() / 1e3, light.overheadMicros(), light.overheadMicros() <= 2 ? "met" : "NOT met");
  }
}
