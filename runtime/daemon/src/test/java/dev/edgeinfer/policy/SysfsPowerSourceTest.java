package dev.edgeinfer.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgeinfer.policy.PowerReading.Supply;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsPowerSourceTest {
  @TempDir Path root;

  private PowerReading read() throws Exception {
    return new SysfsPowerSource(root).read();
  }

  @Test
  void read_noPowerSupplyClass_isUnknown() throws Exception {
    assertEquals(PowerReading.unknown("no " + root.resolve("class/power_supply")), read());
  }

  @Test
  void read_acOnlineWithBattery_isMainsWithTheCharge() throws Exception {
    new FakeSysfs(root).mains("AC", true).battery("BAT0", "Charging", 64);
    assertEquals(new PowerReading(Supply.MAINS, OptionalInt.of(64), "AC online"), read());
  }

  @Test
  void read_acOfflineBatteryDischarging_isBatteryWithTheCharge() throws Exception {
    new FakeSysfs(root).mains("AC", false).battery("BAT0", "Discharging", 37);
    assertEquals(new PowerReading(Supply.BATTERY, OptionalInt.of(37), "BAT0 Discharging at 37%"), read());
  }

  @Test
  void read_batteryOnlyCharging_isMains() throws Exception {
    new FakeSysfs(root).battery("BAT0", "Full", 100);
    assertEquals(new PowerReading(Supply.MAINS, OptionalInt.of(100), "BAT0 Full at 100%"), read());
  }

  @Test
  void read_usbSupplyOnline_isMains() throws Exception {
    FakeSysfs fs = new FakeSysfs(root);
    fs.write("class/power_supply/usb/type", "USB").write("class/power_supply/usb/online", "1");
    assertEquals(new PowerReading(Supply.MAINS, OptionalInt.empty(), "usb online"), read());
  }

  @Test
  void read_supplyOfflineWithoutBattery_isUnknown() throws Exception {
    new FakeSysfs(root).mains("AC", false);
    assertEquals(PowerReading.unknown("no supply online, no battery"), read());
  }

  @Test
  void read_emptyPowerSupplyClass_isUnknown() throws Exception {
    java.nio.file.Files.createDirectories(root.resolve("class/power_supply"));
    assertEquals(PowerReading.unknown("no power supplies listed"), read());
  }

  @Test
  void read_garbledCapacity_isBatteryWithUnknownCharge() throws Exception {
    new FakeSysfs(root).mains("AC", false).battery("BAT0", "Discharging", 0).write("class/power_supply/BAT0/capacity",
        "n/a");
    assertEquals(new PowerReading(Supply.BATTERY, OptionalInt.empty(), "BAT0 Discharging"), read());
  }

  @Test
  void read_afterTheTreeChanges_seesTheChange() throws Exception {
    FakeSysfs fs = new FakeSysfs(root).mains("AC", true).battery("BAT0", "Charging", 80);
    assertEquals(Supply.MAINS, read().supply());
    fs.mains("AC", false).battery("BAT0", "Discharging", 79);
    assertEquals(new PowerReading(Supply.BATTERY, OptionalInt.of(79), "BAT0 Discharging at 79%"), read());
  }
}
