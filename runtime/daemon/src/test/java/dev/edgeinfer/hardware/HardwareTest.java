package dev.edgeinfer.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.io.gpio.digital.PullResistance;
import dev.edgeinfer.config.HardwareMode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which context the config gets on which machine, and the start-up errors that name a pin or bus and the fix. */
class HardwareTest {
  @TempDir
  Path tmp;

  private Board pi5() throws Exception {
    return Board.fromModelFile(Files.writeString(tmp.resolve("model"), "Raspberry Pi 5 Model B Rev 1.0\0"));
  }

  private Board pc() {
    return Board.fromModelFile(tmp.resolve("no-such-model"));
  }

  private DeviceNodes dev(String... nodes) throws Exception {
    Path dev = Files.createDirectories(tmp.resolve("dev"));
    for (String n : nodes) {
      Files.createFile(dev.resolve(n));
    }
    return new DeviceNodes(dev);
  }

  @Test
  void board_readsTheDeviceTreeModel() throws Exception {
    Board board = pi5();
    assertTrue(board.isRaspberryPi());
    assertEquals("Raspberry Pi 5 Model B Rev 1.0", board.model().orElseThrow());
    assertFalse(pc().isRaspberryPi());
    assertEquals("not a Raspberry Pi", pc().toString());
  }

  @Test
  void open_mockAndAutoOffAPi_giveTheMockPlatform() throws Exception {
    try (Hardware h = Hardware.open(HardwareMode.MOCK, pi5(), dev())) {
      assertTrue(h.isMock(), "mock even on a Pi");
    }
    try (Hardware h = Hardware.open(HardwareMode.AUTO, pc(), dev())) {
      assertTrue(h.isMock());
      assertEquals("Pi4J mock platform", h.toString());
    }
  }

  @Test
  void open_piOffAPi_saysSoAndWhatToUseInstead() {
    HardwareException e = assertThrows(HardwareException.class, () -> Hardware.open(HardwareMode.PI, pc(), dev()));
    assertEquals("hardware: pi, but this machine is not a Raspberry Pi (no \"Raspberry Pi\" in /proc/device-tree/model); "
        + "use `hardware: auto` or `hardware: mock` to run here", e.getMessage());
  }

  @Test
  void deviceNodes_missingI2cBus_namesTheBusAndHowToEnableIt() throws Exception {
    HardwareException e = assertThrows(HardwareException.class, () -> dev().checkI2c("sensors.motor", 1));
    assertEquals("sensors.motor.bus: I2C bus 1 is not available: " + tmp.resolve("dev/i2c-1") + " does not exist; "
        + "enable it with `sudo raspi-config nonint do_i2c 0`, or the line `dtparam=i2c_arm=on` in "
        + "/boot/firmware/config.txt, then reboot", e.getMessage());
    dev("i2c-1").checkI2c("sensors.motor", 1);
  }

  @Test
  void deviceNodes_missingSpiDevice_namesBusChipSelectAndTheFix() throws Exception {
    HardwareException e = assertThrows(HardwareException.class, () -> dev().checkSpi("sensors.adc", 0, 1));
    assertEquals("sensors.adc.bus: SPI bus 0 chip select 1 is not available: " + tmp.resolve("dev/spidev0.1")
        + " does not exist; enable SPI with `sudo raspi-config nonint do_spi 0`, or the line `dtparam=spi=on` in "
        + "/boot/firmware/config.txt, then reboot", e.getMessage());
  }

  @Test
  void deviceNodes_noGpioChip_saysSo() throws Exception {
    HardwareException e = assertThrows(HardwareException.class, () -> dev().checkGpio("sensors.pir"));
    assertTrue(e.getMessage().startsWith("sensors.pir: no GPIO controller: " + tmp.resolve("dev") + "/gpiochip* does not exist"),
        e.getMessage());
    dev("gpiochip0").checkGpio("sensors.pir");
  }

  @Test
  void realProviders_offAPi_failNamingThePinAndTheFix() throws Exception {
    // The real gpiod provider on this machine (told it is a Pi): it finds no pin controller.
    HardwareException e = assertThrows(HardwareException.class, () -> {
      try (Hardware h = Hardware.open(HardwareMode.PI, pi5(), dev("gpiochip0"))) {
        h.input("sensors.pir", 4, PullResistance.PULL_DOWN);
      }
    });
    assertEquals("sensors.pir: cannot open GPIO 4: the gpiod provider found no Raspberry Pi pin controller "
        + "(a /dev/gpiochip* labelled pinctrl-...); it needs Raspberry Pi OS (Bookworm or later) on the Pi itself "
        + "(No gpio chip yet initialized!)", e.getMessage());
  }
}
