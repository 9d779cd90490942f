package dev.edgeinfer.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.engine.Engines;
import dev.edgeinfer.policy.CompareData;
import dev.edgeinfer.testing.DegradedInt8Model;
import dev.edgeinfer.testing.DemoModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escalation and shadow runs on the demo FP32 model and a degraded INT8 twin, against answers
 * computed here with separate engines of the same files.
 */
class PrecisionStepTest {
  private static final Engines.Options NATIVE = Engines.Options.of(EngineKind.TFLITE, 1);
  private static final List<String> LABELS = List.of("idle", "normal", "imbalance", "bearing_wear");
  private static final double ESCALATE_BELOW = 0.9;
  @TempDir static Path dir;
  private static Path degraded;
  private static List<float[]> rows;

  @BeforeAll
  static void fixture() throws Exception {
    degraded = DegradedInt8Model.write(dir.resolve("degraded_int8.tflite"), 0.5f);
    rows = CompareData.read(DemoModels.heldOut(), LABELS, 4).features();
  }

  private static ModelVariants pair() throws Exception {
    return ModelVariants.both(new ModelVariant(Precision.INT8, Engines.open(degraded, NATIVE)),
        new ModelVariant(Precision.FP32, Engines.open(DemoModels.fp32(), NATIVE)));
  }

  private static int top(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  @Test
  void escalation_lowConfidenceInt8_isAnsweredByFp32AndMarked() throws Exception {
    AccuracyMonitor monitor = new AccuracyMonitor(AccuracyMonitor.Metric.TOP1, 100, 4);
    try (ModelVariants variants = pair(); ModelVariants reference = pair()) {
      PrecisionStep step = new PrecisionStep("t", variants, monitor, 0, ESCALATE_BELOW, new Classifier(LABELS, 4));
      ModelVariant refInt8 = reference.int8();
      ModelVariant refFp32 = reference.other(refInt8).orElseThrow();
      int escalated = 0;
      for (float[] f : rows) {
        PrecisionStep.Outcome o = step.run(f);
        float[] i8 = refInt8.run(f).clone();
        float[] f32 = refFp32.run(f).clone();
        boolean low = i8[top(i8)] < ESCALATE_BELOW;
        assertEquals(low, o.escalated());
        assertEquals(low ? Precision.FP32 : Precision.INT8, o.precision());
        assertArrayEquals(low ? f32 : i8, o.outputs());
        escalated += low ? 1 : 0;
      }
      assertEquals(escalated, monitor.snapshot().escalations());
      assertTrue(escalated > 0 && escalated < rows.size(), escalated + " of " + rows.size() + " escalated");
      assertEquals(0, monitor.snapshot().totalShadowRuns(), "escalations are not shadow runs");
    }
  }

  @Test
  void shadow_everyThirdWindow_top1AgreementMatchesAnIndependentCount() throws Exception {
    AccuracyMonitor monitor = new AccuracyMonitor(AccuracyMonitor.Metric.TOP1, 1000, 4);
    try (ModelVariants variants = pair(); ModelVariants reference = pair()) {
      PrecisionStep step = new PrecisionStep("t", variants, monitor, 3, 0, new Classifier(LABELS, 4));
      ModelVariant refInt8 = reference.int8();
      ModelVariant refFp32 = reference.other(refInt8).orElseThrow();
      int runs = 0;
      int agree = 0;
      for (int i = 0; i < rows.size(); i++) {
        PrecisionStep.Outcome o = step.run(rows.get(i));
        assertEquals(Precision.INT8, o.precision(), "a shadow run never changes the answer");
        if ((i + 1) % 3 == 0) {
          runs++;
          agree += top(refInt8.run(rows.get(i))) == top(refFp32.run(rows.get(i))) ? 1 : 0;
        }
      }
      AccuracyMonitor.Snapshot s = monitor.snapshot();
      assertEquals(rows.size() / 3, runs);
      assertEquals(runs, s.runs());
      assertEquals((double) agree / runs, s.value());
      assertTrue(s.value() < 0.9, "the degraded model disagrees often: " + s.value());
    }
  }

  @Test
  void shadow_regressor_recordsMeanAbsoluteDifference() throws Exception {
    AccuracyMonitor monitor = new AccuracyMonitor(AccuracyMonitor.Metric.MEAN_ABS_DIFF, 1000, 4);
    try (ModelVariants variants = pair(); ModelVariants reference = pair()) {
      PrecisionStep step = new PrecisionStep("t", variants, monitor, 1, 0, null);
      ModelVariant refInt8 = reference.int8();
      ModelVariant refFp32 = reference.other(refInt8).orElseThrow();
      double sum = 0;
      for (float[] f : rows.subList(0, 10)) {
        step.run(f);
        float[] a = refInt8.run(f);
        float[] b = refFp32.run(f);
        double d = 0;
        for (int k = 0; k < a.length; k++) {
          d += Math.abs(a[k] - b[k]);
        }
        sum += d / a.length;
      }
      assertEquals(10, monitor.snapshot().runs());
      assertEquals(sum / 10, monitor.snapshot().value());
    }
  }

  @Test
  void shadow_onFp32_runsInt8AsTheShadow() throws Exception {
    AccuracyMonitor monitor = new AccuracyMonitor(AccuracyMonitor.Metric.TOP1, 100, 4);
    try (ModelVariants variants = pair()) {
      variants.select(Precision.FP32);
      PrecisionStep step = new PrecisionStep("t", variants, monitor, 1, ESCALATE_BELOW, new Classifier(LABELS, 4));
      for (float[] f : rows.subList(0, 5)) {
        PrecisionStep.Outcome o = step.run(f);
        assertEquals(Precision.FP32, o.precision());
        assertEquals(false, o.escalated(), "only int8 answers escalate");
      }
      assertEquals(5, monitor.snapshot().runs());
    }
  }
}
