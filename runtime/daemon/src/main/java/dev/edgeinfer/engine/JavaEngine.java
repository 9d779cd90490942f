package dev.edgeinfer.engine;

import dev.edgeinfer.tflite.interp.Interpreter;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.TensorBytes;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.BuiltinKernels;
import dev.edgeinfer.tflite.read.ModelDescription;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * The pure-Java engine: edgeinfer's own TensorFlow Lite interpreter. It runs where no native build
 * exists (32-bit ARM, any JVM) and cannot crash the process whatever the model holds.
 *
 * <p>The interpreter keeps tensors in typed Java arrays, so the byte views that
 * {@link InferenceEngine} promises are staging buffers: {@link #invoke()} copies inputs in and
 * outputs out (a few hundred bytes for a sensor model), allocating nothing. Not thread-safe.
 */
public final class JavaEngine extends TensorViewsEngine {
  private final Interpreter interpreter;
  private final Tensor[] inputTensors;
  private final Tensor[] outputTensors;
  private final Path file;

  public JavaEngine(Path file, ModelDescription description) throws ModelLoadException {
    this.file = file;
    try {
      this.interpreter = Interpreter.load(description, BuiltinKernels.resolver());
    } catch (UnsupportedModelException e) {
      throw new ModelLoadException(file, "the pure-Java engine cannot run it: " + e.getMessage());
    }
    inputTensors = interpreter.inputs().toArray(Tensor[]::new);
    outputTensors = interpreter.outputs().toArray(Tensor[]::new);
    inputs = new ByteBuffer[interpreter.inputs().size()];
    outputs = new ByteBuffer[interpreter.outputs().size()];
    for (int i = 0; i < inputs.length; i++) {
      Tensor t = interpreter.inputs().get(i);
      inputInfos.add(info(t));
      inputs[i] = ByteBuffer.allocate(t.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    }
    for (int i = 0; i < outputs.length; i++) {
      Tensor t = interpreter.outputs().get(i);
      outputInfos.add(info(t));
      outputs[i] = ByteBuffer.allocate(t.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
    }
  }

  private TensorInfo info(Tensor t) throws ModelLoadException {
    try {
      return new TensorInfo(t.name(), TensorTypes.fromSchema(t.type()), t.shape(), t.scale(), t.zeroPoint());
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException(file, t + ": " + e.getMessage());
    }
  }

  @Override
  public String kind() {
    return "java";
  }

  @Override
  public void invoke() {
    for (int i = 0; i < inputs.length; i++) {
      TensorBytes.copyIn(inputs[i].array(), inputTensors[i]);
    }
    interpreter.invoke();
    for (int i = 0; i < outputs.length; i++) {
      TensorBytes.copyOut(outputTensors[i], outputs[i].array());
    }
  }

  @Override
  public void resetState() {
    interpreter.resetVariables();
  }

  /** Bytes of activation memory the interpreter planned. */
  public long arenaBytes() {
    return interpreter.arenaBytes();
  }

  @Override
  public void close() {
    // Plain Java arrays: nothing to release.
  }
}
