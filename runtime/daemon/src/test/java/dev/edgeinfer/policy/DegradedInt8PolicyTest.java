package dev.edgeinfer.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgeinfer.bench.CountingSource;
import dev.edgeinfer.config.ModelConfig;
import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.config.PipelineConfig;
import dev.edgeinfer.config.PipelineConfig.OutputKind;
import dev.edgeinfer.config.PipelineConfig.WindowConfig;
import dev.edgeinfer.config.PolicyConfig;
import dev.edgeinfer.config.PrecisionConfig;
import dev.edgeinfer.config.PrecisionConfig.Fp32Loading;
import dev.edgeinfer.config.PrecisionConfig.Mode;
import dev.edgeinfer.config.PrecisionConfig.WorthConfig;
import dev.edgeinfer.config.SensorConfig;
import dev.edgeinfer.demo.DemoDataset;
import dev.edgeinfer.engine.Engines;
import dev.edgeinfer.pipeline.AccuracyMonitor;
import dev.edgeinfer.pipeline.InferenceResult;
import dev.edgeinfer.pipeline.ModelVariant;
import dev.edgeinfer.pipeline.ModelVariants;
import dev.edgeinfer.pipeline.Pipeline;
import dev.edgeinfer.pipeline.Precision;
import dev.edgeinfer.publish.ResultPayload;
import dev.edgeinfer.publish.SequenceStore;
import dev.edgeinfer.sensor.SyntheticVibrationSource;
import dev.edgeinfer.testing.DegradedInt8Model;
import dev.edgeinfer.testing.DemoModels;
import dev.edgeinfer.testing.WindowFeatures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real pipeline on a deliberately degraded INT8 model (the demo FP32 model quantized with a
 * calibration set shrunk to half: about half its answers are wrong) and the demo FP32 model. The
 * pipeline runs on the test thread over a seeded, finite sensor stream; the policy is evaluated
 * from the sink every 10 results, so every step is deterministic.
 */
class DegradedInt8PolicyTest {
  private static final List<String> LABELS = List.of("idle", "normal", "imbalance", "bearing_wear");
  private static final SensorConfig.Synthetic SENSOR = new SensorConfig.Synthetic("motor", DemoDataset.RATE_HZ, 5,
      LABELS, 4, false);
  private static final int WINDOWS = 120;
  private static final Engines.Options NATIVE = Engines.Options.of(EngineKind.TFLITE, 1);
  @TempDir static Path dir;
  private static Path degraded;
  private static List<float[]> features;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void fixture() throws Exception {
    degraded = DegradedInt8Model.write(dir.resolve("degraded_int8.tflite"), 0.5f);
    features = WindowFeatures.of(SENSOR, DemoDataset.WINDOW, DemoDataset.HOP, DemoDataset.PREPROCESSING, WINDOWS);
  }

  private static PrecisionConfig precision(Mode mode, int shadowEvery, double escalateBelow, double agreementBelow) {
    return new PrecisionConfig(mode, Fp32Loading.EAGER, shadowEvery, 50, 20, escalateBelow, false, 10,
        new WorthConfig(false, agreementBelow, OptionalDouble.empty(), List.of(), 30, false, 0.1));
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

  private interface Sink {
    void accept(InferenceResult r) throws Exception;
  }

  private List<InferenceResult> runPipeline(String name, PrecisionConfig p, ModelVariants variants,
      AccuracyMonitor monitor, Sink also) throws Exception {
    PipelineConfig config = new PipelineConfig(name, "motor", "vibration",
        new WindowConfig(DemoDataset.WINDOW, DemoDataset.HOP), DemoDataset.PREPROCESSING, OutputKind.CLASSIFICATION, p);
    ModelConfig model = new ModelConfig("vibration", "1", degraded, Optional.of(DemoModels.fp32()), Optional.empty(),
        EngineKind.TFLITE, 1);
    long samples = DemoDataset.WINDOW + (long) (WINDOWS - 1) * DemoDataset.HOP;
    List<InferenceResult> results = new ArrayList<>();
    try (CountingSource source = new CountingSource(new SyntheticVibrationSource(SENSOR, 0), samples);
        SequenceStore seq = SequenceStore.inMemory()) {
      new Pipeline(config, model, source, variants, monitor, LABELS, seq, r -> {
        results.add(r);
        also.accept(r);
      }).run();
    }
    assertEquals(WINDOWS, results.size());
    for (int i = 0; i < WINDOWS; i++) {
      assertEquals(i + 1, results.get(i).seq(), "no gap, no duplicate");
    }
    return results;
  }

  @Test
  void shadowAgreementFallsBelowTheThreshold_andFp32TakesOver() throws Exception {
    PrecisionConfig p = precision(Mode.AUTO, 2, 0, 0.9);
    ManualClock clock = new ManualClock();
    List<PrecisionSwitch> events = new ArrayList<>();
    List<AccuracyMonitor.Snapshot> beforeSwitch = new ArrayList<>();
    List<Long> switchedAfter = new ArrayList<>();
    FakeSysfs fs = new FakeSysfs(dir.resolve("sys")).mains("AC", true).zone(0, "cpu-thermal", 40);
    DeviceSignals signals = new DeviceSignals(new SysfsPowerSource(fs.root), new SysfsThermalSource(fs.root));
    try (ModelVariants variants = pair(); ModelVariants reference = pair()) {
      AccuracyMonitor monitor = new AccuracyMonitor(AccuracyMonitor.Metric.TOP1, 50, 4, clock::nanoTime);
      PrecisionController controller = new PrecisionController("vibration", variants, monitor, PolicyConfig.DEFAULTS, p,
          LABELS, clock, events::add);
      List<InferenceResult> results = runPipeline("agreement", p, variants, monitor, r -> {
        if (r.seq() % 10 == 0) {
          AccuracyMonitor.Snapshot s = monitor.snapshot();
          if (controller.evaluate(signals.sample()).isPresent()) {
            beforeSwitch.add(s);
            switchedAfter.add(r.seq());
          }
        }
      });

      // The policy looked at seq 10, 20 (10 shadow runs: too few), then 40 (20 shadow runs, windows 2, 4, ... 40).
      assertEquals(List.of(40L), switchedAfter);
      ModelVariant i8 = reference.int8();
      ModelVariant f32 = reference.other(i8).orElseThrow();
      int agree = 0;
      for (int w = 2; w <= 40; w += 2) {
        agree += top(i8.run(features.get(w - 1))) == top(f32.run(features.get(w - 1))) ? 1 : 0;
      }
      AccuracyMonitor.Snapshot s = beforeSwitch.get(0);
      assertEquals(20, s.runs());
      assertEquals(agree / 20.0, s.value(), "the pipeline's agreement is the independent count");
      assertTrue(s.value() < 0.9, "degraded: " + s.value());
      assertEquals(1, events.size());
      assertEquals(new PrecisionSwitch("vibration", Precision.INT8, Precision.FP32, String.format(Locale.ROOT,
          "fp32 allowed (mains: AC online; cpu-thermal 40.0 °C) and worth it: agreement %.3f < 0.9 over the last 20 "
              + "shadow runs", s.value()), clock.epochMillis()), events.get(0));
      for (InferenceResult r : results) {
        assertEquals(r.seq() <= 40 ? "int8" : "fp32", r.precision(), "seq " + r.seq());
      }
      assertEquals(Precision.FP32, variants.selected());
    }
  }

  /**
   * The degraded model is confidently wrong (its top scores on these windows run from 0.945 to
   * 0.996, which is why shadow runs, not confidence, catch it): 0.98 escalates its least confident
   * answers.
   */
  @Test
  void escalation_reRunsLowConfidenceWindowsInFp32_andMarksThem() throws Exception {
    double threshold = 0.98;
    PrecisionConfig p = precision(Mode.INT8, 0, threshold, 0.9);
    try (ModelVariants variants = pair(); ModelVariants reference = pair()) {
      AccuracyMonitor monitor = Pipeline.monitorFor(new PipelineConfig("e", "motor", "vibration",
          new WindowConfig(128, 64), DemoDataset.PREPROCESSING, OutputKind.CLASSIFICATION, p), 4);
      List<JsonNode> payloads = new ArrayList<>();
      List<InferenceResult> results = runPipeline("escalation", p, variants, monitor,
          r -> payloads.add(json.readTree(ResultPayload.encode("dev-1", r))));
      ModelVariant i8 = reference.int8();
      ModelVariant f32 = reference.other(i8).orElseThrow();
      int escalated = 0;
      for (int w = 0; w < WINDOWS; w++) {
        float[] int8Scores = i8.run(features.get(w)).clone();
        float[] fp32Scores = f32.run(features.get(w)).clone();
        boolean low = int8Scores[top(int8Scores)] < threshold;
        float[] expected = low ? fp32Scores : int8Scores;
        InferenceResult r = results.get(w);
        assertEquals(low, r.escalated(), "window " + (w + 1));
        assertEquals(low ? "fp32" : "int8", r.precision());
        assertEquals(LABELS.get(top(expected)), r.label());
        assertEquals((double) expected[top(expected)], r.score());
        assertEquals(low, payloads.get(w).at("/model/escalated").asBoolean());
        assertEquals(r.precision(), payloads.get(w).at("/model/precision").asText());
        escalated += low ? 1 : 0;
      }
      assertTrue(escalated > 0 && escalated < WINDOWS, escalated + " of " + WINDOWS + " escalated");
      assertEquals(escalated, monitor.snapshot().escalations());
      assertEquals(Precision.INT8, variants.selected(), "escalation answers one window; it is not a switch");
    }
  }
}
