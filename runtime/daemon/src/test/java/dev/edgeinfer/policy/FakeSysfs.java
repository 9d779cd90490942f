package dev.edgeinfer.policy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fake sysfs tree in a temp folder, laid out as Linux lays out the parts the policy reads:
 * {@code class/power_supply/NAME/{type,online,capacity,status}}, {@code
 * class/thermal/thermal_zoneN/{type,temp}}, cooling devices and the Raspberry Pi firmware's
 * {@code get_throttled}. Files are rewritten in place, as the kernel's values change.
 */
final class FakeSysfs {
  final Path root;

  FakeSysfs(Path root) {
    this.root = root;
  }

  FakeSysfs mains(String name, boolean online) {
    write("class/power_supply/" + name + "/type", "Mains");
    write("class/power_supply/" + name + "/online", online ? "1" : "0");
    return this;
  }

  FakeSysfs battery(String name, String status, int capacity) {
    write("class/power_supply/" + name + "/type", "Battery");
    write("class/power_supply/" + name + "/status", status);
    write("class/power_supply/" + name + "/capacity", Integer.toString(capacity));
    return this;
  }

  FakeSysfs zone(int n, String type, double celsius) {
    write("class/thermal/thermal_zone" + n + "/type", type);
    write("class/thermal/thermal_zone" + n + "/temp", Long.toString(Math.round(celsius * 1000)));
    return this;
  }

  FakeSysfs cooling(int n, String type, int state, int max) {
    write("class/thermal/cooling_device" + n + "/type", type);
    write("class/thermal/cooling_device" + n + "/cur_state", Integer.toString(state));
    write("class/thermal/cooling_device" + n + "/max_state", Integer.toString(max));
    return this;
  }

  FakeSysfs piThrottled(String hex) {
    write("devices/platform/soc/soc:firmware/get_throttled", hex);
    return this;
  }

  FakeSysfs write(String relative, String value) {
    try {
      Path p = root.resolve(relative);
      Files.createDirectories(p.getParent());
      Files.writeString(p, value + "\n");
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
