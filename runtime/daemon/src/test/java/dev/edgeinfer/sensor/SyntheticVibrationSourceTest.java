package dev.edgeinfer.sensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.config.PreprocessingConfig;
import dev.edgeinfer.config.SensorConfig;
import dev.edgeinfer.pipeline.FeatureExtractor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SyntheticVibrationSourceTest {

  private static SensorConfig.Synthetic config(long seed, double rate, List<String> states, double seconds, boolean realtime) {
    return new SensorConfig.Synthetic("vib", rate, seed, states, seconds, realtime);
  }

  @Test
  void next_notRealtime_followsTheStateScheduleAndTheSyntheticClock() throws Exception {
    // 0.05 s at 400 Hz = 20 samples per state.
    try (SyntheticVibrationSource src = new SyntheticVibrationSource(
        config(1, 400, List.of("idle", "imbalance", "bearing_wear"), 0.05, false), 1_000_000L)) {
      assertEquals(List.of("x", "y", "z"), src.channels());
      assertNull(src.currentState());
      for (int i = 0; i < 130; i++) {
        Sample s = src.next();
        assertEquals(1_000_000L + (long) Math.floor(i * 2.5), s.epochMillis());
        MachineState expected = List.of(MachineState.IDLE, MachineState.IMBALANCE, MachineState.BEARING_WEAR).get((i / 20) % 3);
        assertEquals(expected, src.currentState(), "sample " + i);
        assertEquals(expected, src.stateOfSample(i));
      }
    }
  }

  @Test
  void next_sameSeed_sameSamples_otherSeed_otherSamples() throws Exception {
    SensorConfig.Synthetic a = config(5, 400, List.of("normal"), 1, false);
    try (SyntheticVibrationSource s1 = new SyntheticVibrationSource(a, 0);
        SyntheticVibrationSource s2 = new SyntheticVibrationSource(a, 0);
        SyntheticVibrationSource s3 = new SyntheticVibrationSource(config(6, 400, List.of("normal"), 1, false), 0)) {
      boolean differs = false;
      for (int i = 0; i < 200; i++) {
        float[] v = s1.next().values();
        assertArrayEquals(v, s2.next().values());
        differs |= v[0] != s3.next().values()[0];
      }
      assertTrue(differs);
    }
  }

  @Test
  void idle_carriesGravityOnZOnly() throws Exception {
    try (SyntheticVibrationSource src = new SyntheticVibrationSource(config(2, 400, List.of("idle"), 1, false), 0)) {
      double[] mean = new double[3];
      for (int i = 0; i < 400; i++) {
        float[] v = src.next().values();
        for (int c = 0; c < 3; c++) {
          mean[c] += v[c] / 400.0;
        }
      }
      assertEquals(0, mean[0], 0.01);
      assertEquals(0, mean[1], 0.01);
      assertEquals(1, mean[2], 0.01);
    }
  }

  @Test
  void states_haveTheirSignatureSpectra() throws Exception {
    FeatureExtractor fx = new FeatureExtractor(new PreprocessingConfig(
        PreprocessingConfig.Normalize.REMOVE_MEAN, PreprocessingConfig.Features.BAND_ENERGIES, 8, false), 128, 3);
    float[] idle = features("idle", fx);
    float[] normal = features("normal", fx);
    float[] imbalance = features("imbalance", fx);
    float[] bearing = features("bearing_wear", fx);
    double lowNormal = normal[0] + normal[1];
    assertTrue(lowNormal > 20 * (idle[0] + idle[1]), "a running machine has a 1x line, idle does not");
    assertTrue(imbalance[0] + imbalance[1] > 4 * lowNormal, "imbalance: strong 1x on x");
    double highNormal = normal[5] + normal[6] + normal[7];
    double highBearing = bearing[5] + bearing[6] + bearing[7];
    assertTrue(highBearing > 10 * highNormal, "bearing wear: energy at 125-200 Hz");
  }

  /** x-axis band energies of one 128-sample window from the middle of a state. */
  private static float[] features(String state, FeatureExtractor fx) throws Exception {
    try (SyntheticVibrationSource src = new SyntheticVibrationSource(config(3, 400, List.of(state), 10, false), 0)) {
      for (int i = 0; i < 200; i++) {
        src.next();
      }
      float[][] w = new float[128][];
      for (int i = 0; i < 128; i++) {
        w[i] = src.next().values();
      }
      float[] out = new float[fx.featureCount()];
      fx.extract(w, out);
      return out;
    }
  }

  @Test
  void next_realtime_keepsTheRate() throws Exception {
    try (SyntheticVibrationSource src = new SyntheticVibrationSource(config(1, 200, List.of("normal"), 1, true))) {
      long start = System.nanoTime();
      for (int i = 0; i < 21; i++) {
        src.next();
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertTrue(ms >= 95, "20 intervals at 200 Hz took only " + ms + " ms");
    }
  }

  @Test
  void close_fromAnotherThread_endsABlockedNext() throws Exception {
    SyntheticVibrationSource src = new SyntheticVibrationSource(config(1, 0.2, List.of("normal"), 100, true));
    src.next(); // sample 0 is due at once; sample 1 only in 5 s
    CompletableFuture<Sample> blocked = CompletableFuture.supplyAsync(() -> {
      try {
        return src.next();
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    Thread.sleep(100);
    long start = System.nanoTime();
    src.close();
    assertNull(blocked.get(2, TimeUnit.SECONDS));
    assertTrue(System.nanoTime() - start < 1_000_000_000L);
    assertNull(src.next());
  }

  @Test
  void constructor_unknownState_namesTheKeyAndTheChoices() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SyntheticVibrationSource(config(1, 400, List.of("normal", "broken"), 1, false)));
    assertTrue(e.getMessage().startsWith("sensors.vib.states: unknown machine state 'broken'"), e.getMessage());
    assertTrue(e.getMessage().contains("bearing_wear"), e.getMessage());
  }
}
