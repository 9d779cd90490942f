package dev.edgeinfer.engine;

import dev.edgeinfer.tflite.read.ModelDescription;
import dev.edgeinfer.tflite.read.TensorDescription;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolver;
import org.bytedeco.tensorflowlite.BuiltinOpResolverWithoutDefaultDelegates;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.OpResolver;
import org.bytedeco.tensorflowlite.TfLiteTensor;
import org.bytedeco.tensorflowlite.global.tensorflowlite;

/**
 * TensorFlow Lite 2.19 itself, through JavaCPP's binding of its C++ API. Only models that the
 * pure-Java reader has already accepted reach this class ({@link Engines} sees to that), because
 * native code trusts the file.
 *
 * <p>Input and output buffers are views of the interpreter's own tensor memory, so an inference
 * copies and allocates nothing on the Java side. Not thread-safe.
 */
public final class NativeTfliteEngine extends TensorViewsEngine {
  private final FlatBufferModel model;
  private final OpResolver resolver;
  private final Interpreter interpreter;
  private final Path file;
  private boolean closed;

  /**
   * @param description the file as the pure-Java reader checked it (gives the tensor counts that
   *     the binding's {@code inputs()} pointer lacks)
   * @param xnnpack apply TensorFlow Lite's default XNNPACK delegate (faster FP32; identical INT8 bytes)
   */
  public NativeTfliteEngine(Path file, ModelDescription description, int threads, boolean xnnpack)
      throws ModelLoadException {
    this.file = file;
    NativeLibraries.load(file);
    model = FlatBufferModel.VerifyAndBuildFromFile(file.toString());
    if (model == null || model.isNull() || !model.initialized()) {
      throw new ModelLoadException(file, "TensorFlow Lite rejected the file (its verifier or reader failed)");
    }
    resolver = xnnpack ? new BuiltinOpResolver() : new BuiltinOpResolverWithoutDefaultDelegates();
    interpreter = new Interpreter((org.bytedeco.javacpp.Pointer) null);
    InterpreterBuilder builder = new InterpreterBuilder(model, resolver);
    try {
      check(builder.SetNumThreads(threads), "cannot use " + threads + " threads");
      check(builder.apply(interpreter), "TensorFlow Lite cannot build an interpreter for this model");
      if (interpreter.isNull()) {
        throw new ModelLoadException(file, "TensorFlow Lite cannot build an interpreter for this model");
      }
      check(interpreter.AllocateTensors(), "TensorFlow Lite cannot allocate the model's tensors");
    } catch (ModelLoadException e) {
      release();
      throw e;
    } finally {
      builder.close();
    }
    inputs = new ByteBuffer[description.inputs().length];
    outputs = new ByteBuffer[description.outputs().length];
    for (int i = 0; i < inputs.length; i++) {
      TfLiteTensor t = interpreter.input_tensor(i);
      inputInfos.add(describe(t));
      inputs[i] = view(t);
    }
    for (int i = 0; i < outputs.length; i++) {
      TfLiteTensor t = interpreter.output_tensor(i);
      outputInfos.add(describe(t));
      outputs[i] = view(t);
    }
  }

  @Override
  public String kind() {
    return "tflite";
  }

  @Override
  public void invoke() {
    int status = interpreter.Invoke();
    if (status != tensorflowlite.kTfLiteOk) {
      throw new InferenceException(file + ": TensorFlow Lite Invoke failed with status " + status);
    }
  }

  @Override
  public void resetState() {
    interpreter.ResetVariableTensors();
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      release();
    }
  }

  private void release() {
    interpreter.close();
    resolver.close();
    model.close();
  }

  private void check(int status, String message) throws ModelLoadException {
    if (status != tensorflowlite.kTfLiteOk) {
      throw new ModelLoadException(file, message + " (status " + status + ")");
    }
  }

  private static ByteBuffer view(TfLiteTensor tensor) {
    BytePointer data = tensor.data().raw();
    long bytes = tensor.bytes();
    return data.position(0).capacity(bytes).limit(bytes).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
  }

  private static TensorInfo describe(TfLiteTensor tensor) {
    int[] shape = new int[tensor.dims().size()];
    for (int d = 0; d < shape.length; d++) {
      shape[d] = tensor.dims().data(d);
    }
    String name = tensor.name() == null ? "" : tensor.name().getString();
    return new TensorInfo(name, TensorTypes.fromTflite(tensor.type()), shape, tensor.params().scale(),
        tensor.params().zero_point());
  }

  /** Used only to report a model's own description without building an interpreter. */
  static TensorInfo describe(TensorDescription t) {
    return new TensorInfo(t.name(), TensorTypes.fromSchema(t.type()), t.shape(),
        t.scales().length > 0 ? t.scales()[0] : 0f, t.zeroPoints().length > 0 ? (int) t.zeroPoints()[0] : 0);
  }
}
