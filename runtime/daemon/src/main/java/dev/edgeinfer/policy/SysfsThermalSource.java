package dev.edgeinfer.policy;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Temperature and throttling from sysfs under a configurable root:
 * <ul>
 *   <li>{@code class/thermal/thermal_zone*\/temp}, millidegrees Celsius; the hottest zone counts
 *       (a Raspberry Pi has one, {@code cpu-thermal}; other boards split CPU clusters);
 *   <li>throttling, where the board reports it: the Raspberry Pi firmware's {@code
 *       devices/platform/.../soc:firmware/get_throttled} (hex; bits 0-3 are under-voltage, ARM
 *       frequency capped, throttled, soft temperature limit, now), and any CPU-frequency cooling
 *       device ({@code class/thermal/cooling_device*}, type {@code *cpufreq*}) with {@code
 *       cur_state} above 0.
 * </ul>
 */
public final class SysfsThermalSource implements ThermalSource {
  private static final String[] FIRMWARE_BITS = {"under-voltage", "arm frequency capped", "throttled",
      "soft temperature limit"};
  private final Path root;

  public SysfsThermalSource(Path sysfsRoot) {
    this.root = sysfsRoot;
  }

  @Override
  public ThermalReading read() throws IOException {
    OptionalDouble hottest = OptionalDouble.empty();
    String zoneName = "";
    for (Path zone : list(root.resolve("class/thermal"), "thermal_zone*")) {
      String t = text(zone.resolve("temp"));
      if (t.isEmpty()) {
        continue;
      }
      try {
        double c = Long.parseLong(t) / 1000.0;
        if (hottest.isEmpty() || c > hottest.getAsDouble()) {
          hottest = OptionalDouble.of(c);
          String type = text(zone.resolve("type"));
          zoneName = type.isEmpty() ? zone.getFileName().toString() : type;
        }
      } catch (NumberFormatException e) {
        // a zone whose sensor is not ready reads garbage or an error code; skip it
      }
    }
    List<String> throttling = new ArrayList<>();
    firmwareThrottling(throttling);
    cpufreqCooling(throttling);
    String detail = (hottest.isPresent()
        ? String.format(Locale.ROOT, "%s %.1f °C", zoneName, hottest.getAsDouble()) : "no thermal zone")
        + (throttling.isEmpty() ? "" : "; " + String.join(", ", throttling));
    return new ThermalReading(hottest, !throttling.isEmpty(), detail);
  }

  private void firmwareThrottling(List<String> out) throws IOException {
    for (Path platform : list(root.resolve("devices/platform"), "*")) {
      List<Path> candidates = new ArrayList<>(list(platform, "*firmware"));
      if (platform.getFileName().toString().endsWith("firmware")) {
        candidates.add(platform);
      }
      for (Path fw : candidates) {
        String t = text(fw.resolve("get_throttled"));
        if (t.isEmpty()) {
          continue;
        }
        try {
          long bits = Long.parseLong(t.startsWith("0x") ? t.substring(2) : t, 16);
          for (int b = 0; b < FIRMWARE_BITS.length; b++) {
            if ((bits & (1L << b)) != 0) {
              out.add(FIRMWARE_BITS[b]);
            }
          }
        } catch (NumberFormatException e) {
          // unreadable: report nothing rather than a guess
        }
        return;
      }
    }
  }

  private void cpufreqCooling(List<String> out) throws IOException {
    for (Path dev : list(root.resolve("class/thermal"), "cooling_device*")) {
      String type = text(dev.resolve("type"));
      String state = text(dev.resolve("cur_state"));
      if (type.contains("cpufreq") && !state.isEmpty()) {
        try {
          if (Long.parseLong(state) > 0) {
            out.add(type + " at state " + state + "/" + text(dev.resolve("max_state")));
          }
        } catch (NumberFormatException e) {
          // not a number: not a state we can judge
        }
      }
    }
  }

  private static List<Path> list(Path dir, String glob) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, glob)) {
      s.forEach(out::add);
    }
    out.sort(null);
    return out;
  }

  private static String text(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file).trim() : "";
    } catch (IOException e) {
      return "";
    }
  }
}
