package dev.edgeinfer.config;

import java.nio.file.Path;
import java.util.List;

/** {@code sensors.NAME}: one source of samples. The permitted subtypes are the source kinds. */
public sealed interface SensorConfig permits SensorConfig.Synthetic, SensorConfig.Replay {

  String name();

  /**
   * {@code type: synthetic}: a seeded 3-axis vibration generator that walks through machine
   * states, {@code stateSeconds} each, in the order given (then repeats).
   */
  record Synthetic(
      String name, double rateHz, long seed, List<String> states, double stateSeconds, boolean realtime)
      implements SensorConfig {
    public Synthetic {
      states = List.copyOf(states);
    }
  }

  /**
   * {@code type: replay}: a CSV file ({@code timestamp_ms,ch1,ch2,...} with a header line naming
   * the channels), played at its own timing when {@code realtime}, else as fast as it is read.
   */
  record Replay(String name, Path file, boolean realtime, boolean loop) implements SensorConfig {}
}
