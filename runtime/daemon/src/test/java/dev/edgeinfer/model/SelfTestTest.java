package dev.edgeinfer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.engine.TensorInfo;
import dev.edgeinfer.engine.TensorType;
import dev.edgeinfer.model.BundleManifest.Tolerance;
import dev.edgeinfer.pipeline.Precision;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo models' self-test passes on both engines: the expected outputs come from the pure-Java
 * engine, and native TensorFlow Lite must reproduce them (INT8 byte for byte here, FP32 within 1e-4
 * relative). The comparison itself is checked element by element.
 */
class SelfTestTest {
  private static VerifiedBundle bundle;
  @TempDir static Path dir;

  @BeforeAll
  static void verify() throws Exception {
    KeyPair key = Ed25519Keys.generate();
    Path zip = TestBundles.demo(dir, "2", key);
    bundle = new BundleVerifier(TrustedKeys.of(key.getPublic()), Limits.DEFAULTS, "0.1.0")
        .verify(zip, dir.resolve("extracted"));
  }

  @Test
  void demoBundle_passesOnTheJavaEngine_exactly() throws Exception {
    SelfTestReport r = SelfTest.run(bundle, EngineKind.JAVA);
    assertEquals(Map.of(Precision.INT8, "java", Precision.FP32, "java"), r.engines());
    assertEquals(3, r.vectors());
    assertEquals(0, r.maxIntegerDiff());
    assertEquals(0.0, r.maxFloatRelativeDiff());
  }

  @Test
  void demoBundle_passesOnNativeTflite() throws Exception {
    SelfTestReport r = SelfTest.run(bundle, EngineKind.TFLITE);
    assertEquals(Map.of(Precision.INT8, "tflite", Precision.FP32, "tflite"), r.engines());
    assertEquals(0, r.maxIntegerDiff(), "INT8: both engines give the same bytes");
    assertTrue(r.maxFloatRelativeDiff() <= 1e-5, "FP32 within 1e-5 relative: " + r.maxFloatRelativeDiff());
  }

  @Test
  void agreement_comparesInt8AndFp32OnTheSameInputs() throws Exception {
    SelfTestReport.Agreement a = SelfTest.run(bundle, EngineKind.JAVA).agreement().orElseThrow();
    assertEquals(3, a.vectors());
    assertTrue(a.top1().isPresent(), "the demo model is a 4-class classifier");
    // The quantized twin tracks the float one: a softmax output differs by a few hundredths at most.
    assertTrue(a.meanAbsDiff() < 0.1, "mean abs diff " + a.meanAbsDiff());
  }

  /**
   * A badly calibrated INT8 model (it clips the real input range) reproduces its own expected
   * outputs; only given real windows show that it no longer picks FP32's class. Random vectors are
   * reported but not held to updates.minAgreement: noise says little about either model.
   */
  @Test
  void agreement_isHeldToTheMinimumOnGivenInputs_notOnRandomOnes() throws Exception {
    var key = dev.edgeinfer.testing.UpdateBundles.keys(dir, "agreement");
    Path degraded = dev.edgeinfer.testing.DegradedInt8Model.write(dir.resolve("degraded.tflite"), 0.5f);
    Path random = dev.edgeinfer.testing.UpdateBundles.bundle(dir.resolve("random.zip"), "vibration", "3", degraded,
        java.util.Optional.of(dev.edgeinfer.testing.DemoModels.fp32()),
        java.util.Optional.of(dev.edgeinfer.testing.DemoModels.labels()), java.util.List.of(), 10, key);
    Path real = dev.edgeinfer.testing.UpdateBundles.bundle(dir.resolve("real.zip"), "vibration", "3", degraded,
        java.util.Optional.of(dev.edgeinfer.testing.DemoModels.fp32()),
        java.util.Optional.of(dev.edgeinfer.testing.DemoModels.labels()),
        dev.edgeinfer.testing.UpdateBundles.heldOutInputs(dir.resolve("heldout"), 40), 0, key);
    BundleVerifier verifier = new BundleVerifier(TrustedKeys.of(Ed25519Keys.readPublic(key.publicFile())),
        Limits.DEFAULTS, "0.1.0");

    SelfTestReport onNoise = SelfTest.run(verifier.verify(random, dir.resolve("x-random")), EngineKind.JAVA);
    assertTrue(!onNoise.agreement().orElseThrow().realInputs());
    onNoise.requireAgreement(0.8);

    SelfTestReport onWindows = SelfTest.run(verifier.verify(real, dir.resolve("x-real")), EngineKind.JAVA);
    SelfTestReport.Agreement a = onWindows.agreement().orElseThrow();
    assertTrue(a.realInputs());
    assertEquals(5, a.vectors());
    BundleRejected e = assertThrows(BundleRejected.class, () -> onWindows.requireAgreement(0.8));
    assertEquals("precision_disagreement", e.reason());
    assertTrue(a.top1().orElseThrow() < 0.8, e.getMessage());
  }

  @Test
  void compare_integerTensor_allowsToleranceAndNamesTheFirstElementBeyondIt() throws Exception {
    TensorInfo info = new TensorInfo("out", TensorType.INT8, new int[] {1, 4}, 0.1f, 0);
    byte[] expected = {10, 20, 30, 40};
    assertEquals(1.0, SelfTest.compare(info, expected, new byte[] {11, 19, 30, 40}, Tolerance.DEFAULT, "v")[0]);
    BundleRejected e = assertThrows(BundleRejected.class,
        () -> SelfTest.compare(info, expected, new byte[] {10, 20, 32, 45}, Tolerance.DEFAULT, "vector 0 int8 output 0"));
    assertEquals("vector 0 int8 output 0 element 2: expected 30 got 32 (tolerance 1 quantized unit(s))", e.getMessage());
  }

  @Test
  void compare_floatTensor_isRelativeToTheLargestExpectedMagnitude() throws Exception {
    TensorInfo info = new TensorInfo("out", TensorType.FLOAT32, new int[] {3}, 0f, 0);
    byte[] expected = floats(100f, 0.001f, -50f);
    // 0.005 off on an element of 0.001 is 5e-5 of the tensor's scale (100): within 1e-4.
    SelfTest.compare(info, expected, floats(100f, 0.006f, -50f), Tolerance.DEFAULT, "v");
    BundleRejected e = assertThrows(BundleRejected.class,
        () -> SelfTest.compare(info, expected, floats(100f, 0.001f, -50.02f), Tolerance.DEFAULT, "v"));
    assertTrue(e.getMessage().startsWith("v element 2: expected -50.0 got -50.02"), e.getMessage());
    assertThrows(BundleRejected.class,
        () -> SelfTest.compare(info, expected, floats(Float.NaN, 0.001f, -50f), Tolerance.DEFAULT, "v"));
  }

  private static byte[] floats(float... v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) {
      b.putFloat(f);
    }
    return b.array();
  }
}
