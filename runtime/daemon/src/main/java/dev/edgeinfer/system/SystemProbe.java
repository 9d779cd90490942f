package dev.edgeinfer.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Reads the board's CPU temperature and this process's memory from Linux's /sys and /proc. */
public final class SystemProbe {
  private final Path thermalZone;

  public SystemProbe(Path sysRoot) {
    this.thermalZone = sysRoot.resolve("class/thermal/thermal_zone0/temp");
  }

  public SystemProbe() {
    this(Path.of("/sys"));
  }

  /** Degrees Celsius, when the board reports it (the kernel gives millidegrees). */
  public OptionalDouble cpuTemperatureC() {
    try {
      return OptionalDouble.of(Long.parseLong(Files.readString(thermalZone).trim()) / 1000.0);
    } catch (IOException | NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }

  /** Resident set size in bytes, from /proc/self/status (VmRSS, in kB). */
  public OptionalLong residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux, or /proc is hidden: report nothing rather than a guess
    }
    return OptionalLong.empty();
  }
}
