package dev.edgeinfer.hardware;

import com.pi4j.context.Context;
import com.pi4j.io.IO;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiChipSelect;
import com.pi4j.io.spi.SpiMode;
import dev.edgeinfer.config.HardwareMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The daemon's one Pi4J context and the pins and buses opened through it. On a Raspberry Pi it
 * carries the gpiod provider for GPIO (the kernel's character device, which works on every
 * current board including the Pi 5) and the linuxfs providers for I2C and SPI ({@code /dev/i2c-N},
 * {@code /dev/spidevB.C}); elsewhere, or with {@code hardware: mock}, Pi4J's mock platform, whose
 * pins and buses are driven by tests through the very objects the sources read.
 *
 * <p>Every open names its owner (the config key) so that a failure says which sensor or action
 * wanted which pin or bus, and what to do about it. A GPIO pin has one owner; asking for it twice is
 * an error naming both. An I2C device (bus and address) or SPI device is opened once and the same
 * instance returned to a second caller: the config refuses two sensors at one address, so in the
 * daemon this only happens when a test has loaded register data into a mock device first.
 *
 * <p>Thread-safe: opens are synchronized; the returned Pi4J objects are used by one owner each.
 */
public final class Hardware implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Hardware.class.getName());
  // Pi4J logs each provider at INFO and every mock SPI transfer at INFO; held here so that the
  // level sticks (java.util.logging keeps loggers only weakly).
  private static final Logger PI4J_LOG = Logger.getLogger("com.pi4j");
  // Pi4J's board detection runs whenever a context is built and logs SEVERE on any machine that is
  // not a Pi; we detect the board ourselves (Board), so its findings are noise.
  private static final Logger PI4J_BOARD_LOG = Logger.getLogger("com.pi4j.boardinfo");

  private final Context context;
  private final boolean mock;
  private final String description;
  private final DeviceNodes nodes;
  private final Map<Integer, String> pinOwners = new LinkedHashMap<>();
  private final Map<String, IO<?, ?, ?>> shared = new LinkedHashMap<>();
  private boolean closed;

  private Hardware(Context context, boolean mock, String description, DeviceNodes nodes) {
    this.context = context;
    this.mock = mock;
    this.description = description;
    this.nodes = nodes;
  }

  /** The context the config asks for, on this machine. */
  public static Hardware open(HardwareMode mode) throws HardwareException {
    return open(mode, Board.detect(), DeviceNodes.system());
  }

  static Hardware open(HardwareMode mode, Board board, DeviceNodes nodes) throws HardwareException {
    quietPi4jLogging();
    boolean real = switch (mode) {
      case MOCK -> false;
      case AUTO -> board.isRaspberryPi();
      case PI -> {
        if (!board.isRaspberryPi()) {
          throw new HardwareException("hardware: pi, but this machine is " + board
              + " (no \"Raspberry Pi\" in /proc/device-tree/model); use `hardware: auto` or `hardware: mock` to run here");
        }
        yield true;
      }
    };
    return real ? Providers.pi(board, nodes) : mock();
  }

  /** Pi4J's mock platform: no hardware is touched; tests drive the mock pins and buses. */
  public static Hardware mock() {
    quietPi4jLogging();
    return new Hardware(Providers.mockContext(), true, "Pi4J mock platform", null);
  }

  static Hardware real(Context context, Board board, DeviceNodes nodes) {
    return new Hardware(context, false, board + " (gpiod GPIO, linuxfs I2C/SPI)", nodes);
  }

  private static void quietPi4jLogging() {
    if (PI4J_LOG.getLevel() == null) {
      PI4J_LOG.setLevel(Level.WARNING);
      PI4J_BOARD_LOG.setLevel(Level.OFF);
    }
  }

  public boolean isMock() {
    return mock;
  }

  /** The Pi4J context, for tests that drive mock instances ({@code context().registry()}). */
  public Context context() {
    return context;
  }

  /** A digital input on BCM pin {@code pin}. Debounce is done by the caller, the same on every provider. */
  public synchronized DigitalInput input(String owner, int pin, PullResistance pull) throws HardwareException {
    claimPin(owner, pin);
    try {
      return context.create(DigitalInput.newConfigBuilder(context)
          .id(pinId(pin)).name(owner).address(pin).pull(pull).debounce(0L));
    } catch (RuntimeException | LinkageError e) {
      pinOwners.remove(pin);
      throw pinFailure(owner, pin, e);
    }
  }

  /** A digital output on BCM pin {@code pin}, driven to {@code safe} now and again when the context shuts down. */
  public synchronized DigitalOutput output(String owner, int pin, DigitalState safe) throws HardwareException {
    claimPin(owner, pin);
    try {
      return context.create(DigitalOutput.newConfigBuilder(context)
          .id(pinId(pin)).name(owner).address(pin).initial(safe).shutdown(safe));
    } catch (RuntimeException | LinkageError e) {
      pinOwners.remove(pin);
      throw pinFailure(owner, pin, e);
    }
  }

  /** The device at {@code address} on I2C bus {@code bus} (opened once, see the class comment). */
  public synchronized I2C i2c(String owner, int bus, int address) throws HardwareException {
    String id = String.format("i2c-%d-0x%02x", bus, address);
    IO<?, ?, ?> open = shared.get(id);
    if (open != null) {
      return (I2C) open;
    }
    if (nodes != null) {
      nodes.checkI2c(owner, bus);
    }
    try {
      I2C i2c = context.create(I2C.newConfigBuilder(context).id(id).name(owner).bus(bus).device(address));
      shared.put(id, i2c);
      return i2c;
    } catch (RuntimeException | LinkageError e) {
      throw new HardwareException(owner + ": cannot open I2C bus " + bus + " for the device at "
          + String.format("0x%02x", address) + ": " + reason(e), e);
    }
  }

  /** SPI device {@code chipSelect} on bus {@code bus} (opened once, see the class comment). */
  public synchronized Spi spi(String owner, int bus, int chipSelect, int baud, int mode) throws HardwareException {
    String id = "spi-" + bus + "." + chipSelect;
    IO<?, ?, ?> open = shared.get(id);
    if (open != null) {
      return (Spi) open;
    }
    if (nodes != null) {
      nodes.checkSpi(owner, bus, chipSelect);
    }
    try {
      Spi spi = context.create(Spi.newConfigBuilder(context)
          .id(id).name(owner).bus(bus).chipSelect(SpiChipSelect.getByNumber(chipSelect))
          .address(chipSelect).baud(baud).mode(SpiMode.getByNumber(mode)));
      shared.put(id, spi);
      return spi;
    } catch (RuntimeException | LinkageError e) {
      throw new HardwareException(owner + ": cannot open SPI bus " + bus + " chip select " + chipSelect + ": "
          + reason(e), e);
    }
  }

  private void claimPin(String owner, int pin) throws HardwareException {
    String holder = pinOwners.get(pin);
    if (holder != null) {
      throw new HardwareException(owner + ": GPIO " + pin + " is already used by " + holder
          + "; give each sensor and action its own pin");
    }
    if (nodes != null) {
      nodes.checkGpio(owner);
    }
    pinOwners.put(pin, owner);
  }

  private static HardwareException pinFailure(String owner, int pin, Throwable e) {
    String why = reason(e);
    String fix = why.contains("gpio chip") || why.contains("gpiochip")
        // The gpiod provider looks for the board's pin controller (a gpiochip labelled pinctrl-...).
        ? "the gpiod provider found no Raspberry Pi pin controller (a /dev/gpiochip* labelled pinctrl-...); "
            + "it needs Raspberry Pi OS (Bookworm or later) on the Pi itself"
        : e instanceof LinkageError
        ? "the gpiod provider could not load its native library (it ships for 64-bit and 32-bit Raspberry Pi OS, "
            + "aarch64 and armhf); include pi4j-plugin-gpiod and pi4j-library-gpiod in the classpath"
        : "the pin is busy or does not exist: another program, or a kernel driver enabled in config.txt "
            + "(1-Wire, an I2C/SPI/UART overlay, a fan or LED overlay), may hold it; `gpioinfo` names the holder";
    return new HardwareException(owner + ": cannot open GPIO " + pin + ": " + fix + " (" + why + ")", e);
  }

  private static String reason(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && (sb.length() == 0 || !sb.toString().contains(t.getMessage()))) {
        sb.append(sb.length() == 0 ? "" : ": ").append(t.getMessage());
      }
    }
    return sb.length() == 0 ? e.getClass().getSimpleName() : sb.toString();
  }

  private static String pinId(int pin) {
    return "gpio-" + pin;
  }

  @Override
  public String toString() {
    return description;
  }

  /** Shuts the context down: outputs go to their shutdown (safe) state, buses and lines are released. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      context.shutdown();
    } catch (RuntimeException e) {
      LOG.warning("Pi4J shutdown: " + reason(e));
    }
  }
}
