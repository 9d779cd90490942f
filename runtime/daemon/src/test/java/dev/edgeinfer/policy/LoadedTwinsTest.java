package dev.edgeinfer.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.config.ModelConfig;
import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.engine.Engines;
import dev.edgeinfer.engine.ModelLoadException;
import dev.edgeinfer.pipeline.Precision;
import dev.edgeinfer.system.SystemProbe;
import dev.edgeinfer.testing.DemoModels;
import dev.edgeinfer.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cost measurement the policy and model compare share, on the demo pair. Times are checked for sanity only. */
class LoadedTwinsTest {

  @Test
  void costBenchmark_demoPair_measuresBothVariants() throws Exception {
    ModelConfig model = new ModelConfig("vibration", "1", DemoModels.int8(), Optional.of(DemoModels.fp32()),
        Optional.empty(), EngineKind.TFLITE, 1);
    MeasuredCosts c = CostBenchmark.measure(model, 40, new SystemProbe());
    assertEquals(Precision.INT8, c.int8().precision());
    assertEquals(Precision.FP32, c.fp32().precision());
    assertEquals(Files.size(DemoModels.int8()), c.int8().fileBytes());
    assertEquals(Files.size(DemoModels.fp32()), c.fp32().fileBytes());
    for (VariantCost v : new VariantCost[] {c.int8(), c.fp32()}) {
      assertEquals("tflite", v.engine());
      assertEquals(40, v.runs());
      assertTrue(v.loadMillis() > 0 && v.latencyP50Ms() > 0 && v.latencyP99Ms() >= v.latencyP50Ms(), v.toString());
      assertTrue(v.residentBytesAdded().isPresent(), "Linux has /proc/self/status");
    }
  }

  @Test
  void load_twinsOfDifferentShape_isRefusedNamingBothFiles(@TempDir Path dir) throws Exception {
    Path other = TinyModels.dense(dir.resolve("other.tflite"), 24, 3);
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> LoadedTwins.load(DemoModels.int8(), other,
        Engines.Options.of(EngineKind.TFLITE, 1), new SystemProbe()));
    assertEquals(other + ": takes 24 inputs and gives 3 outputs, but vibration_int8.tflite takes 24 and gives 4; "
        + "they are not two precisions of one model", e.getMessage());
  }
}
