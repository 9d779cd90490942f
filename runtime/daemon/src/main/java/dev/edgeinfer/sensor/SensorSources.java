package dev.edgeinfer.sensor;

import dev.edgeinfer.config.SensorConfig;
import java.io.IOException;

/** Opens the source a sensor config describes. */
public final class SensorSources {
  private SensorSources() {}

  public static SensorSource open(SensorConfig config) throws IOException {
    if (config instanceof SensorConfig.Synthetic synthetic) {
      return new SyntheticVibrationSource(synthetic);
    }
    if (config instanceof SensorConfig.Replay replay) {
      return new ReplayCsvSource(replay);
    }
    throw new IllegalArgumentException("no source for " + config);
  }
}
