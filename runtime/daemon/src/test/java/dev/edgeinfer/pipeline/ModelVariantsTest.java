package dev.edgeinfer.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.engine.Engines;
import dev.edgeinfer.testing.DemoModels;
import dev.edgeinfer.testing.TinyModels;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelVariantsTest {
  private static final Engines.Options NATIVE = Engines.Options.of(EngineKind.TFLITE, 1);

  private static ModelVariant open(Precision p, Path file) throws dev.edgeinfer.engine.ModelLoadException {
    return new ModelVariant(p, Engines.open(file, NATIVE));
  }

  @Test
  void forWindow_followsSelect_andCountsOnlyActualChanges() throws Exception {
    try (ModelVariants v = ModelVariants.both(open(Precision.INT8, DemoModels.int8()),
        open(Precision.FP32, DemoModels.fp32()))) {
      assertEquals(Precision.INT8, v.forWindow().precision(), "starts on int8");
      v.select(Precision.INT8);
      assertEquals(Precision.INT8, v.forWindow().precision());
      assertEquals(0, v.switchTimes().count(), "re-selecting the same precision is no switch");
      v.select(Precision.FP32);
      assertEquals(Precision.FP32, v.selected(), "visible to other threads at once");
      assertEquals(0, v.switchTimes().count(), "the pipeline has not started a window since");
      assertEquals(Precision.FP32, v.forWindow().precision());
      assertEquals(Precision.FP32, v.forWindow().precision());
      assertEquals(1, v.switchTimes().count());
      v.select(Precision.INT8);
      v.select(Precision.FP32);
      assertEquals(Precision.FP32, v.forWindow().precision());
      assertEquals(1, v.switchTimes().count(), "int8 was selected and replaced before any window ran on it");
    }
  }

  @Test
  void other_isTheLoadedTwin() throws Exception {
    try (ModelVariants v = ModelVariants.both(open(Precision.INT8, DemoModels.int8()),
        open(Precision.FP32, DemoModels.fp32()))) {
      ModelVariant int8 = v.forWindow();
      assertEquals(Precision.FP32, v.other(int8).orElseThrow().precision());
      assertSame(int8, v.other(v.other(int8).orElseThrow()).orElseThrow());
    }
  }

  @Test
  void lazy_loadsOnce_onlyWhenAsked_andCannotBeSelectedBefore() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    try (ModelVariants v = ModelVariants.lazy(open(Precision.INT8, DemoModels.int8()), () -> {
      loads.incrementAndGet();
      return open(Precision.FP32, DemoModels.fp32());
    })) {
      assertTrue(v.hasFp32());
      assertFalse(v.fp32Loaded());
      assertTrue(v.other(v.forWindow()).isEmpty(), "no shadow partner before the load");
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> v.select(Precision.FP32));
      assertEquals("the fp32 variant is not loaded yet", e.getMessage());
      v.loadFp32();
      v.loadFp32();
      assertEquals(1, loads.get());
      v.select(Precision.FP32);
      assertEquals(Precision.FP32, v.forWindow().precision());
    }
  }

  @Test
  void int8Only_refusesFp32() throws Exception {
    try (ModelVariants v = ModelVariants.int8Only(open(Precision.INT8, DemoModels.int8()))) {
      assertFalse(v.hasFp32());
      assertEquals("the model has no fp32 variant",
          assertThrows(IllegalStateException.class, () -> v.select(Precision.FP32)).getMessage());
    }
  }

  @Test
  void both_twinsOfDifferentShape_areRefused(@TempDir Path dir) throws Exception {
    ModelVariant int8 = open(Precision.INT8, DemoModels.int8());
    ModelVariant other = open(Precision.FP32, TinyModels.dense(dir.resolve("other.tflite"), 24, 3));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelVariants.both(int8, other));
    assertEquals("the fp32 model takes 24 inputs and gives 3 outputs, but its int8 twin takes 24 and gives 4; "
        + "they must be two precisions of one model", e.getMessage());
    int8.engine().close();
    other.engine().close();
  }
}
