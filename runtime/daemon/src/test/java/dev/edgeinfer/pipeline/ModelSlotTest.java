package dev.edgeinfer.pipeline;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.edgeinfer.config.ConfigLoader;
import dev.edgeinfer.config.EdgeConfig;
import dev.edgeinfer.config.ModelConfig;
import dev.edgeinfer.config.PipelineConfig;
import dev.edgeinfer.policy.VariantsLoader;
import dev.edgeinfer.testing.DemoModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hot swap's ownership rule on the demo models: a swapped-out model stays open until the
 * pipeline thread starts its next window (it may still be inside it), is closed then, and the
 * slot closes whatever is left when it is closed itself.
 */
class ModelSlotTest {
  @TempDir Path tmp;

  private ActiveModel load(EdgeConfig c, String version) throws Exception {
    PipelineConfig p = c.pipelines().get("vibration");
    ModelConfig base = c.models().get("vibration");
    ModelConfig m = new ModelConfig(base.name(), version, base.int8(), base.fp32(), base.labels(), base.engine(),
        base.threads());
    ModelVariants v = VariantsLoader.open(m, p.precision());
    List<String> labels = Files.readAllLines(DemoModels.labels()).stream().filter(l -> !l.isBlank()).toList();
    return ActiveModel.fit(p, m, v, labels, 24, Pipeline.monitorFor(p, 4));
  }

  private static boolean closed(ActiveModel m) {
    try {
      m.variants().loadFp32();
      return false;
    } catch (IllegalStateException e) {
      assertEquals("the model was replaced by an update", e.getMessage());
      return true;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void swap_oldModelClosedOnlyAtThePipelinesNextWindow_restAtClose() throws Exception {
    String yaml = """
        device: {id: slot, stateDir: "%s"}
        mqtt: {broker: "tcp://127.0.0.1:1"}
        models:
          vibration: {int8: "%s", fp32: "%s", labels: "%s", engine: java}
        sensors:
          motor: {type: synthetic, rateHz: 400, seed: 1}
        pipelines:
          vibration:
            source: motor
            model: vibration
            window: {size: 128, hop: 64}
            preprocessing: {normalize: remove-mean, features: band-energies, bands: 8}
        """.formatted(tmp.resolve("state"), DemoModels.int8(), DemoModels.fp32(), DemoModels.labels());
    EdgeConfig c = ConfigLoader.load(Files.writeString(tmp.resolve("c.yaml"), yaml));
    ActiveModel v1 = load(c, "1");
    ActiveModel v2 = load(c, "2");
    ActiveModel v3 = load(c, "3");
    ModelSlot slot = new ModelSlot(v1);
    assertSame(v1, slot.forWindow());

    assertSame(v1, slot.swap(v2));
    assertEquals(false, closed(v1), "the pipeline may still be running its window on v1");
    assertSame(v2, slot.current());
    assertSame(v2, slot.forWindow());
    assertEquals(true, closed(v1), "closed once the pipeline moved on");
    assertDoesNotThrow(() -> v2.variants().int8().run(new float[24]));

    slot.swap(v3);
    slot.close(); // the pipeline thread has ended without another window
    assertEquals(true, closed(v2));
    assertEquals(true, closed(v3));
  }
}
