package dev.edgeinfer.policy;

import dev.edgeinfer.policy.PowerReading.Supply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Mains or battery from Linux's power supply class, {@code ROOT/class/power_supply/NAME/} (see
 * the kernel's Documentation/ABI/testing/sysfs-class-power): a supply whose {@code type} is not
 * {@code Battery}/{@code UPS} and whose {@code online} is 1 means mains (or USB) power; otherwise
 * a battery's {@code status} decides: {@code Discharging} is battery, {@code Charging}, {@code
 * Full} and {@code Not charging} mean an external supply is connected. {@code capacity} is the
 * battery's percentage. A board with no supplies listed (a Raspberry Pi on its wall adapter)
 * reads {@link Supply#UNKNOWN}; the policy's {@code unknownAs} says what that means.
 *
 * <p>The root is configurable so tests (and containers) can point it at a fake tree.
 */
public final class SysfsPowerSource implements PowerSource {
  /** Battery states that mean an external supply is connected. */
  private static final List<String> CHARGING = List.of("Charging", "Full", "Not charging");
  private final Path supplies;

  public SysfsPowerSource(Path sysfsRoot) {
    this.supplies = sysfsRoot.resolve("class/power_supply");
  }

  private record Supply(String name, String type, OptionalInt online, OptionalInt capacity, String status) {
    boolean isBattery() {
      return type.equals("Battery") || type.equals("UPS");
    }
  }

  @Override
  public PowerReading read() throws IOException {
    if (!Files.isDirectory(supplies)) {
      return PowerReading.unknown("no " + supplies);
    }
    List<Supply> all = new ArrayList<>();
    try (Stream<Path> entries = Files.list(supplies)) {
      for (Path dir : entries.sorted().toList()) {
        if (Files.isDirectory(dir)) {
          all.add(new Supply(dir.getFileName().toString(), text(dir.resolve("type")), number(dir.resolve("online")),
              number(dir.resolve("capacity")), text(dir.resolve("status"))));
        }
      }
    }
    Supply battery = all.stream().filter(Supply::isBattery).findFirst().orElse(null);
    OptionalInt percent = battery == null ? OptionalInt.empty() : battery.capacity();
    for (Supply s : all) {
      if (!s.isBattery() && s.online().orElse(0) == 1) {
        return new PowerReading(PowerReading.Supply.MAINS, percent, s.name() + " online");
      }
    }
    if (battery == null) {
      return PowerReading.unknown(all.isEmpty() ? "no power supplies listed" : "no supply online, no battery");
    }
    String charge = percent.isPresent() ? " at " + percent.getAsInt() + "%" : "";
    if (CHARGING.contains(battery.status())) {
      return new PowerReading(PowerReading.Supply.MAINS, percent, battery.name() + " " + battery.status() + charge);
    }
    return new PowerReading(PowerReading.Supply.BATTERY, percent,
        battery.name() + " " + (battery.status().isEmpty() ? "in use" : battery.status()) + charge);
  }

  /** A sysfs attribute's text, trimmed; empty when absent or unreadable (drivers omit what they lack). */
  private static String text(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file).trim() : "";
    } catch (IOException e) {
      return "";
    }
  }

  private static OptionalInt number(Path file) {
    try {
      String t = text(file);
      return t.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(t));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
