package dev.edgeinfer.hardware;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.i2c.LinuxFsI2CProvider;
import com.pi4j.plugin.linuxfs.provider.spi.LinuxFsSpiProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.i2c.MockI2CProvider;
import com.pi4j.plugin.mock.provider.spi.MockSpiProvider;

/**
 * Builds Pi4J contexts with an explicit provider per I/O type instead of classpath auto-detection:
 * the jar carries gpiod, linuxfs and mock plugins side by side, and which one serves GPIO must not
 * depend on plugin priorities or on which board Pi4J thinks it is on.
 */
final class Providers {
  private Providers() {}

  static Context mockContext() {
    return Pi4J.newContextBuilder()
        .noAutoDetect()
        .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance(),
            MockI2CProvider.newInstance(), MockSpiProvider.newInstance())
        .build();
  }

  static Hardware pi(Board board, DeviceNodes nodes) throws HardwareException {
    try {
      Context context = Pi4J.newContextBuilder()
          .noAutoDetect()
          .add(GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance(),
              LinuxFsI2CProvider.newInstance(), LinuxFsSpiProvider.newInstance())
          .build();
      return Hardware.real(context, board, nodes);
    } catch (RuntimeException | LinkageError e) {
      throw new HardwareException("hardware: the Pi4J providers for " + board + " did not start: " + e
          + "; the jar must carry pi4j-plugin-gpiod and pi4j-plugin-linuxfs with their native libraries "
          + "(aarch64 or armhf), or use `hardware: mock`", e);
    }
  }
}
