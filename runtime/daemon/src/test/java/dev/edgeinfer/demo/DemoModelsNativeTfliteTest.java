package dev.edgeinfer.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.tflite.quantize.QuantMath;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolver;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.TfLiteTensor;
import org.bytedeco.tensorflowlite.global.tensorflowlite;
import org.junit.jupiter.api.Test;

/**
 * TensorFlow Lite 2.19 itself (native, through JavaCPP) loads the committed demo models, with its
 * flatbuffer verifier, and runs them on held-out windows: the INT8 model must agree with the FP32
 * model and both must classify well. Native use stays in this test on purpose.
 */
class DemoModelsNativeTfliteTest {

  /** One loaded model; the fields keep the native objects reachable while the interpreter lives. */
  private static final class Native implements AutoCloseable {
    final FlatBufferModel model;
    final BuiltinOpResolver resolver = new BuiltinOpResolver();
    final Interpreter interpreter = new Interpreter((Pointer) null);

    Native(Path file) {
      model = FlatBufferModel.VerifyAndBuildFromFile(file.toString());
      assertTrue(model != null && !model.isNull(), file + " failed TFLite's verifier");
      assertEquals(tensorflowlite.kTfLiteOk, new InterpreterBuilder(model, resolver).apply(interpreter), "build " + file);
      assertEquals(tensorflowlite.kTfLiteOk, interpreter.AllocateTensors(), "allocate " + file);
    }

    @Override
    public void close() {
      interpreter.close();
      resolver.close();
      model.close();
    }
  }

  @Test
  void committedModels_onHeldOutWindows_int8AgreesWithFp32AndBothClassify() throws Exception {
    Path dir = RepoRoot.models();
    LabelledWindows heldOut = DemoDataset.generate(DemoModelGenerator.HELD_OUT_SEED, DemoModelGenerator.HELD_OUT_CYCLES);
    int n = heldOut.size();
    int agree = 0;
    int fp32Correct = 0;
    int int8Correct = 0;
    double maxScoreError = 0; // |dequantized INT8 score - FP32 score|, worst over all classes and windows
    try (Native fp32 = new Native(dir.resolve(DemoModelGenerator.FP32_FILE));
        Native int8 = new Native(dir.resolve(DemoModelGenerator.INT8_FILE))) {
      TfLiteTensor fIn = fp32.interpreter.input_tensor(0);
      TfLiteTensor qIn = int8.interpreter.input_tensor(0);
      assertEquals(tensorflowlite.kTfLiteFloat32, fIn.type());
      assertEquals(tensorflowlite.kTfLiteInt8, qIn.type());
      TfLiteTensor qOut = int8.interpreter.output_tensor(0);
      assertEquals(tensorflowlite.kTfLiteInt8, qOut.type());
      assertEquals(1f / 256, qOut.params().scale());
      assertEquals(-128, qOut.params().zero_point());
      float inScale = qIn.params().scale();
      int inZero = qIn.params().zero_point();
      int features = DemoDataset.featureCount();
      assertEquals(features * 4L, fIn.bytes());
      assertEquals(features, qIn.bytes());

      for (int w = 0; w < n; w++) {
        float[] x = heldOut.features()[w];
        FloatPointer fData = new FloatPointer(fIn.data().raw());
        BytePointer qData = qIn.data().raw();
        for (int i = 0; i < features; i++) {
          fData.put(i, x[i]);
          qData.put(i, QuantMath.quantize(x[i], inScale, inZero));
        }
        assertEquals(tensorflowlite.kTfLiteOk, fp32.interpreter.Invoke());
        assertEquals(tensorflowlite.kTfLiteOk, int8.interpreter.Invoke());
        FloatPointer fOut = new FloatPointer(fp32.interpreter.output_tensor(0).data().raw());
        BytePointer qOutData = qOut.data().raw();
        for (int c = 0; c < 4; c++) {
          double dequantized = (qOutData.get(c) + 128) / 256.0;
          maxScoreError = Math.max(maxScoreError, Math.abs(dequantized - fOut.get(c)));
        }
        int f = argmaxFloat(fOut, 4);
        int q = argmaxInt8(qOutData, 4);
        agree += f == q ? 1 : 0;
        fp32Correct += f == heldOut.labels()[w] ? 1 : 0;
        int8Correct += q == heldOut.labels()[w] ? 1 : 0;
      }
    }
    double agreement = (double) agree / n;
    double fp32Accuracy = (double) fp32Correct / n;
    double int8Accuracy = (double) int8Correct / n;
    System.out.printf("TFLite 2.19 on %d held-out windows: INT8/FP32 top-1 agreement %.4f, accuracy FP32 %.4f, INT8 %.4f,"
        + " largest score difference %.4f%n", n, agreement, fp32Accuracy, int8Accuracy, maxScoreError);
    assertTrue(n >= 500, "held-out set too small: " + n);
    assertTrue(agreement >= 0.97, "INT8/FP32 agreement " + agreement);
    assertTrue(fp32Accuracy >= 0.95, "FP32 accuracy " + fp32Accuracy);
    assertTrue(int8Accuracy >= 0.95, "INT8 accuracy " + int8Accuracy);
  }

  @Test
  void committedModels_exist() throws Exception {
    for (String f : new String[] {DemoModelGenerator.FP32_FILE, DemoModelGenerator.INT8_FILE}) {
      byte[] bytes = Files.readAllBytes(RepoRoot.models().resolve(f));
      assertNotNull(bytes);
      assertEquals("TFL3", new String(bytes, 4, 4, java.nio.charset.StandardCharsets.US_ASCII));
    }
  }

  private static int argmaxFloat(FloatPointer p, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (p.get(i) > p.get(best)) {
        best = i;
      }
    }
    return best;
  }

  private static int argmaxInt8(BytePointer p, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) {
      if (p.get(i) > p.get(best)) {
        best = i;
      }
    }
    return best;
  }
}
