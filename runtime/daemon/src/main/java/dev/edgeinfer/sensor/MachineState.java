package dev.edgeinfer.sensor;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The machine conditions the synthetic vibration source can play, named as in the config. */
public enum MachineState {
  IDLE,
  NORMAL,
  IMBALANCE,
  BEARING_WEAR;

  /** The name used in configs and label files: {@code idle}, {@code bearing_wear}, ... */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static MachineState fromConfigName(String name) {
    for (MachineState s : values()) {
      if (s.configName().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown machine state '" + name + "'; use one of "
        + Arrays.stream(values()).map(MachineState::configName).collect(Collectors.joining(", ")));
  }
}
