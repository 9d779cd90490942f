package dev.edgeinfer.hardware;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks the Linux device files behind a bus or the GPIO controller before Pi4J opens them, so
 * that the usual set-up mistakes (bus not enabled, user not in the group) get a message that says
 * what to do instead of a native error. {@code devRoot} is {@code /dev} on a device; tests point it
 * at a folder of their own.
 */
public final class DeviceNodes {
  private final Path devRoot;

  public DeviceNodes(Path devRoot) {
    this.devRoot = devRoot;
  }

  public static DeviceNodes system() {
    return new DeviceNodes(Path.of("/dev"));
  }

  public void checkI2c(String owner, int bus) throws HardwareException {
    Path node = devRoot.resolve("i2c-" + bus);
    if (!Files.exists(node)) {
      String enable = bus == 1
          ? "enable it with `sudo raspi-config nonint do_i2c 0`, or the line `dtparam=i2c_arm=on` in "
              + "/boot/firmware/config.txt, then reboot"
          : "bus " + bus + " needs its own overlay in /boot/firmware/config.txt (`dtoverlay=i2c-gpio,bus=" + bus
              + "` for a software bus); `ls /dev/i2c-*` lists the buses this board has";
      throw new HardwareException(owner + ".bus: I2C bus " + bus + " is not available: " + node
          + " does not exist; " + enable);
    }
    checkAccess(owner + ".bus: I2C bus " + bus, node, "i2c");
  }

  public void checkSpi(String owner, int bus, int chipSelect) throws HardwareException {
    Path node = devRoot.resolve("spidev" + bus + "." + chipSelect);
    if (!Files.exists(node)) {
      String enable = bus == 0
          ? "enable SPI with `sudo raspi-config nonint do_spi 0`, or the line `dtparam=spi=on` in "
              + "/boot/firmware/config.txt, then reboot"
          : "SPI bus " + bus + " needs `dtoverlay=spi" + bus + "-1cs` (or -2cs, -3cs) in /boot/firmware/config.txt";
      throw new HardwareException(owner + ".bus: SPI bus " + bus + " chip select " + chipSelect
          + " is not available: " + node + " does not exist; " + enable);
    }
    checkAccess(owner + ".bus: SPI bus " + bus + " chip select " + chipSelect, node, "spi");
  }

  public void checkGpio(String owner) throws HardwareException {
    Path chip = null;
    try (DirectoryStream<Path> chips = Files.newDirectoryStream(devRoot, "gpiochip*")) {
      for (Path p : chips) {
        chip = p;
        break;
      }
    } catch (IOException e) {
      // treated as "no chip" below
    }
    if (chip == null) {
      throw new HardwareException(owner + ": no GPIO controller: " + devRoot
          + "/gpiochip* does not exist (a kernel older than 4.8, or not a Raspberry Pi); use `hardware: mock` to run without pins");
    }
    checkAccess(owner + ": GPIO", chip, "gpio");
  }

  private static void checkAccess(String what, Path node, String group) throws HardwareException {
    if (!Files.isReadable(node) || !Files.isWritable(node)) {
      throw new HardwareException(what + ": permission denied on " + node + "; add the daemon's user to the "
          + group + " group (`sudo usermod -aG " + group + " $USER`, then log in again; the package's "
          + "edgeinfer user is already in it)");
    }
  }
}
