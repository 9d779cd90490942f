package dev.edgeinfer.demo;

import dev.edgeinfer.config.PreprocessingConfig;
import dev.edgeinfer.pipeline.FeatureExtractor;
import dev.edgeinfer.sensor.MachineState;
import dev.edgeinfer.sensor.VibrationGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Labelled feature windows for the demo model, made exactly as the daemon will see them: the
 * synthetic generator at the demo rate, windows of {@link #WINDOW} samples every {@link #HOP},
 * the demo preprocessing. Windows that straddle a change of state are left out, since they have
 * no single true label.
 */
public final class DemoDataset {

  public static final double RATE_HZ = 400;
  public static final int WINDOW = 128;
  public static final int HOP = 64;
  public static final PreprocessingConfig PREPROCESSING = new PreprocessingConfig(
      PreprocessingConfig.Normalize.REMOVE_MEAN, PreprocessingConfig.Features.BAND_ENERGIES, 8, true);
  /** Every state in label order, four seconds each, as the demo configuration plays them. */
  public static final List<MachineState> STATES = List.of(MachineState.values());
  public static final double STATE_SECONDS = 4;

  private DemoDataset() {}

  public static int featureCount() {
    return PREPROCESSING.bands() * VibrationGenerator.CHANNELS;
  }

  /** {@code cycles} passes through all states from a generator seeded with {@code seed}. */
  public static LabelledWindows generate(long seed, int cycles) {
    long perState = Math.round(STATE_SECONDS * RATE_HZ);
    VibrationGenerator generator = new VibrationGenerator(seed, RATE_HZ, STATES, perState);
    int total = Math.toIntExact(cycles * perState * STATES.size());
    float[][] samples = new float[total][VibrationGenerator.CHANNELS];
    for (float[] s : samples) {
      generator.next(s);
    }
    FeatureExtractor extractor = new FeatureExtractor(PREPROCESSING, WINDOW, VibrationGenerator.CHANNELS);
    List<float[]> features = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int start = 0; start + WINDOW <= total; start += HOP) {
      MachineState state = generator.stateAt(start);
      if (state != generator.stateAt(start + WINDOW - 1)) {
        continue;
      }
      float[] f = new float[extractor.featureCount()];
      extractor.extract(Arrays.copyOfRange(samples, start, start + WINDOW), f);
      features.add(f);
      labels.add(state.ordinal());
    }
    return new LabelledWindows(features.toArray(new float[0][]), labels.stream().mapToInt(Integer::intValue).toArray());
  }
}
