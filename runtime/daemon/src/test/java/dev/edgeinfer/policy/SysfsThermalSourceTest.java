package dev.edgeinfer.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsThermalSourceTest {
  @TempDir Path root;

  private ThermalReading read() throws Exception {
    return new SysfsThermalSource(root).read();
  }

  @Test
  void read_nothing_isUnknownAndNotThrottled() throws Exception {
    assertEquals(new ThermalReading(OptionalDouble.empty(), false, "no thermal zone"), read());
  }

  @Test
  void read_severalZones_takesTheHottest() throws Exception {
    new FakeSysfs(root).zone(0, "cpu-thermal", 48.3).zone(1, "gpu-thermal", 61.25).zone(2, "ddr", 40);
    assertEquals(new ThermalReading(OptionalDouble.of(61.25), false, "gpu-thermal 61.3 °C"), read());
  }

  @Test
  void read_zoneWithGarbage_isSkipped() throws Exception {
    new FakeSysfs(root).zone(0, "cpu-thermal", 50).write("class/thermal/thermal_zone1/temp", "error");
    assertEquals(OptionalDouble.of(50), read().celsius());
  }

  @Test
  void read_raspberryPiFirmwareBits_nowBitsCountPastBitsDoNot() throws Exception {
    FakeSysfs fs = new FakeSysfs(root).zone(0, "cpu-thermal", 81).piThrottled("50000");
    assertEquals(new ThermalReading(OptionalDouble.of(81), false, "cpu-thermal 81.0 °C"), read());
    fs.piThrottled("0x50006");
    assertEquals(new ThermalReading(OptionalDouble.of(81), true,
        "cpu-thermal 81.0 °C; arm frequency capped, throttled"), read());
  }

  @Test
  void read_cpufreqCoolingDeviceActive_isThrottling_aFanIsNot() throws Exception {
    FakeSysfs fs = new FakeSysfs(root).zone(0, "cpu-thermal", 75).cooling(0, "pwm-fan", 3, 4)
        .cooling(1, "cpufreq-cpu0", 0, 3);
    assertEquals(false, read().throttled());
    fs.cooling(1, "cpufreq-cpu0", 2, 3);
    assertEquals(new ThermalReading(OptionalDouble.of(75), true, "cpu-thermal 75.0 °C; cpufreq-cpu0 at state 2/3"),
        read());
  }
}
