package dev.edgeinfer.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import dev.edgeinfer.config.ModelConfig;
import dev.edgeinfer.config.PipelineConfig;
import dev.edgeinfer.config.PreprocessingConfig;
import dev.edgeinfer.config.SensorConfig;
import dev.edgeinfer.engine.Engines;
import dev.edgeinfer.engine.InferenceEngine;
import dev.edgeinfer.hardware.Hardware;
import dev.edgeinfer.publish.SequenceStore;
import dev.edgeinfer.sensor.SensorSource;
import dev.edgeinfer.sensor.SensorSources;
import dev.edgeinfer.testing.Conformance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An MPU-6050 on Pi4J's mock I2C bus that stops answering (its register data runs out) and
 * answers again (the test loads more): one {@code failing} event, the pipeline retries without
 * crashing, then one {@code recovered} event and results resume, with seq going on without a gap.
 */
class SensorFailureTest {
  private static final int WINDOW = 32;
  private static final long WAIT_MILLIS = 20_000;

  @TempDir
  Path tmp;

  @Test
  void failingI2cSensor_oneEvent_pipelinePausesAndResumes() throws Exception {
    Path models = Conformance.repo().resolve("device-config/models");
    ModelConfig model = new ModelConfig("vibration", "1", models.resolve("vibration_int8.tflite"), Optional.empty(),
        Optional.of(models.resolve("vibration.labels")), ModelConfig.EngineKind.TFLITE, 1);
    PipelineConfig config = new PipelineConfig("vibration", "motor", "vibration",
        new PipelineConfig.WindowConfig(WINDOW, WINDOW),
        new PreprocessingConfig(PreprocessingConfig.Normalize.REMOVE_MEAN, PreprocessingConfig.Features.BAND_ENERGIES,
            8, true), PipelineConfig.OutputKind.CLASSIFICATION);
    SensorConfig.Mpu6050 sensor = new SensorConfig.Mpu6050("motor", 1, 0x68, 1000, 2, 250, List.of("ax", "ay", "az"));
    Random random = new Random(11);

    try (Hardware hardware = Hardware.mock();
        InferenceEngine engine = Engines.open(model.int8(), Engines.Options.of(ModelConfig.EngineKind.TFLITE, 1));
        SequenceStore seq = SequenceStore.inMemory()) {
      MockI2C chip = (MockI2C) hardware.i2c("test", 1, 0x68);
      chip.writeRegister(0x75, (byte) 0x68);
      loadSamples(chip, 2 * WINDOW, random);
      SensorSource source = SensorSources.open(sensor, hardware);

      BlockingQueue<InferenceResult> results = new LinkedBlockingQueue<>();
      List<SensorEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
      List<String> labels = Files.readAllLines(model.labels().get()).stream().filter(l -> !l.isBlank()).toList();
      Pipeline pipeline = new Pipeline(config, model, "int8", source, engine, labels, seq, results::add,
          events::add, new RetryPolicy(5, 20));
      Thread thread = new Thread(pipeline, "pipeline-under-test");
      thread.start();

      List<Long> seqs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        seqs.add(results.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS).seq());
      }
      // The data has run out: the sensor "stops answering".
      await(() -> pipeline.sensorHealth().retries() >= 3, "three retries of the failing sensor");
      assertTrue(thread.isAlive(), "the pipeline did not crash");
      assertEquals(1, events.size(), "one event for the whole outage: " + events);
      SensorEvent failing = events.get(0);
      assertEquals(SensorEvent.State.FAILING, failing.state());
      assertEquals("motor", failing.sensor());
      assertEquals("vibration", failing.pipeline());
      assertTrue(failing.error().startsWith("I2C bus 1, address 0x68: "), failing.error());
      assertEquals(new SensorHealthView(true, 1), SensorHealthView.of(pipeline));

      // It answers again: after a power cycle it needs setting up again (WHO_AM_I is read), then data flows.
      synchronized (chip) {
        chip.writeRegister(0x75, (byte) 0x68);
        // Two windows, and a second's worth more so the sensor is still answering when the test looks.
        loadSamples(chip, 2 * WINDOW + 1000, random);
      }
      for (int i = 0; i < 2; i++) {
        InferenceResult r = results.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        assertTrue(r != null, "results resume");
        seqs.add(r.seq());
      }
      assertEquals(List.of(1L, 2L, 3L, 4L), seqs, "no result lost or repeated; no window spans the outage");
      await(() -> events.size() == 2, "the recovered event");
      SensorEvent recovered = events.get(1);
      assertEquals(SensorEvent.State.RECOVERED, recovered.state());
      assertTrue(recovered.retries() >= 3, "retries: " + recovered.retries());
      assertEquals(new SensorHealthView(false, 1), SensorHealthView.of(pipeline));

      pipeline.stop();
      thread.join(WAIT_MILLIS);
      assertTrue(!thread.isAlive(), "stop ends the loop");
    }
  }

  private record SensorHealthView(boolean failing, long outages) {
    static SensorHealthView of(Pipeline p) {
      SensorHealth.Snapshot s = p.sensorHealth();
      return new SensorHealthView(s.failing(), s.outages());
    }
  }

  /** {@code count} bursts of the 14 data registers, accelerations within +-2 g. */
  private static void loadSamples(MockI2C chip, int count, Random random) {
    byte[] burst = new byte[14];
    for (int i = 0; i < count; i++) {
      random.nextBytes(burst);
      chip.writeRegister(0x3B, burst);
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " within " + WAIT_MILLIS + " ms");
      }
      Thread.sleep(5);
    }
  }
}
