package dev.edgeinfer.cli;

import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.engine.Engines;
import dev.edgeinfer.engine.InferenceEngine;
import dev.edgeinfer.engine.TensorInfo;
import dev.edgeinfer.system.LatencyStats;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code edgeinfer infer}: one model on raw tensors. Input I is the raw little-endian bytes of
 * input tensor I; output J is written to {@code DIR/outputJ.bin} the same way, from one invocation
 * that starts at the model's initial state. This is how anyone checks an engine against TensorFlow
 * Lite.
 */
@Command(name = "infer", mixinStandardHelpOptions = true,
    description = "Run a model once on raw input tensors and write its raw output tensors.")
public final class InferCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "M.tflite")
  Path model;

  @Option(names = "--engine", defaultValue = "auto", paramLabel = "auto|tflite|java",
      description = "Engine: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).", converter = EngineKindConverter.class)
  EngineKind engineKind;

  @Option(names = "--input", required = true, arity = "1..*", paramLabel = "FILE.bin",
      description = "Raw little-endian bytes of each input tensor, in order.")
  List<Path> inputs;

  @Option(names = "--output-dir", required = true, paramLabel = "DIR")
  Path outputDir;

  @Option(names = "--repeat", defaultValue = "0", paramLabel = "N", description = "Also time N invocations.")
  int repeat;

  @Option(names = "--threads", defaultValue = "1", paramLabel = "T")
  int threads;

  @Option(names = "--xnnpack", description = "Use TensorFlow Lite's XNNPACK delegate (native engine; FP32 results "
      + "may then differ from the builtin kernels in the last bits).")
  boolean xnnpack;

  @Override
  public Integer call() throws Exception {
    if (repeat < 0 || threads < 1) {
      throw new UsageError("--repeat must be >= 0 and --threads >= 1");
    }
    try (InferenceEngine engine = Engines.open(model, new Engines.Options(engineKind, threads, xnnpack))) {
      List<TensorInfo> tensors = engine.inputs();
      if (inputs.size() != tensors.size()) {
        throw new UsageError(model + " takes " + tensors.size() + " input tensor(s), but " + inputs.size()
            + " --input file(s) were given");
      }
      for (int i = 0; i < tensors.size(); i++) {
        engine.input(i).put(readInput(i, inputs.get(i), tensors.get(i)));
      }
      engine.resetState();
      engine.invoke();
      Files.createDirectories(outputDir);
      for (int j = 0; j < engine.outputs().size(); j++) {
        ByteBuffer out = engine.output(j);
        byte[] bytes = new byte[out.remaining()];
        out.get(bytes);
        Files.write(outputDir.resolve("output" + j + ".bin"), bytes);
      }
      if (repeat > 0) {
        System.out.println(time(engine));
      }
    }
    return Main.OK;
  }

  private static byte[] readInput(int index, Path file, TensorInfo tensor) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UsageError("--input " + file + ": cannot read (" + e.getMessage() + ")");
    }
    if (bytes.length != tensor.byteSize()) {
      throw new UsageError("--input " + file + ": " + bytes.length + " bytes, but input " + index + " (" + tensor
          + ") takes " + tensor.byteSize());
    }
    return bytes;
  }

  /** Times {@code repeat} invocations on the same inputs; state is reset first, not between runs. */
  private LatencyStats time(InferenceEngine engine) {
    long[] nanos = new long[repeat];
    for (int r = 0; r < repeat; r++) {
      long start = System.nanoTime();
      engine.invoke();
      nanos[r] = System.nanoTime() - start;
    }
    return LatencyStats.ofNanos(nanos, repeat);
  }
}
