package dev.edgeinfer.config;

import static dev.edgeinfer.config.ConfigFixture.MINIMAL;
import static dev.edgeinfer.config.ConfigFixture.minimalWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgeinfer.config.SensorConfig.AdcUnit;
import dev.edgeinfer.config.SensorConfig.Edge;
import dev.edgeinfer.config.SensorConfig.GpioMode;
import dev.edgeinfer.config.SensorConfig.Pull;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hardware keys: {@code hardware}, gpio/i2c/spi sensors, pipeline actions, and one owner per pin and address. */
class HardwareConfigTest {

  @TempDir Path dir;
  ConfigFixture fx;

  @BeforeEach
  void setUp() {
    fx = new ConfigFixture(dir);
  }

  private static String withSensors(String sensors) {
    return minimalWith("sensors:\n  motor:\n    type: synthetic\n", "sensors:\n  motor:\n    type: synthetic\n" + sensors);
  }

  @Test
  void load_hardwareDefaultsToAuto_andReadsMockAndPi() throws Exception {
    assertEquals(HardwareMode.AUTO, fx.load(MINIMAL).hardware());
    assertEquals(HardwareMode.MOCK, fx.load(MINIMAL + "hardware: mock\n").hardware());
    assertEquals(HardwareMode.PI, fx.load(MINIMAL, "hardware=pi").hardware());
    assertEquals(List.of("hardware: must be one of auto, mock, pi, got \"gpu\""),
        fx.problems(MINIMAL + "hardware: gpu\n"));
  }

  @Test
  void load_everyHardwareSensor_withEveryKey() throws Exception {
    EdgeConfig c = fx.load(withSensors("""
          door:
            type: gpio
            pins: [17, 27]
            mode: counter
            pull: up
            debounceMs: 2.5
            windowMs: 500
            edge: both
          imu:
            type: i2c
            device: mpu6050
            bus: 3
            address: 0x69
            rateHz: 200
            accelRangeG: 8
            gyroRangeDps: 1000
            channels: [gz, ax, temp]
          room:
            type: i2c
            device: bme280
            address: 0x77
            rateHz: 2
            channels: [pressure]
          adc:
            type: spi
            device: mcp3008
            bus: 1
            chipSelect: 1
            channels: [7, 0]
            vref: 5
            unit: counts
            rateHz: 1000
            baud: 1350000
        """));
    assertEquals(new SensorConfig.Gpio("door", List.of(17, 27), GpioMode.COUNTER, Pull.UP, 2.5, 10, 500, Edge.BOTH),
        c.sensors().get("door"));
    assertEquals(new SensorConfig.Mpu6050("imu", 3, 0x69, 200, 8, 1000, List.of("gz", "ax", "temp")), c.sensors().get("imu"));
    assertEquals(new SensorConfig.Bme280("room", 1, 0x77, 2, List.of("pressure")), c.sensors().get("room"));
    assertEquals(new SensorConfig.Mcp3008("adc", 1, 1, List.of(7, 0), 5, AdcUnit.COUNTS, 1000, 1_350_000),
        c.sensors().get("adc"));
  }

  @Test
  void load_hardwareSensorDefaults() throws Exception {
    EdgeConfig c = fx.load(withSensors("""
          pir: {type: gpio, pins: [4]}
          imu: {type: i2c, device: mpu6050}
          room: {type: i2c, device: bme280}
          adc: {type: spi, device: mcp3008, channels: [0]}
        """));
    assertEquals(new SensorConfig.Gpio("pir", List.of(4), GpioMode.LEVELS, Pull.OFF, 0, 10, 1000, Edge.RISING),
        c.sensors().get("pir"));
    assertEquals(new SensorConfig.Mpu6050("imu", 1, 0x68, 400, 2, 250, List.of("ax", "ay", "az")), c.sensors().get("imu"));
    assertEquals(new SensorConfig.Bme280("room", 1, 0x76, 1, List.of("temperature", "humidity", "pressure")),
        c.sensors().get("room"));
    assertEquals(new SensorConfig.Mcp3008("adc", 0, 0, List.of(0), 3.3, AdcUnit.VOLTS, 100, 1_000_000),
        c.sensors().get("adc"));
  }

  @Test
  void load_hardwareSensorMistakes_eachNamedByKeyPath() {
    assertEquals(List.of(
            "sensors.a.pins[1]: must be <= 27, got 40",
            "sensors.a.pins[2]: 4 is listed twice",
            "sensors.b.windowMs: unknown key (known: type, pins, mode, pull, debounceMs, rateHz)",
            "sensors.c.edge: unknown key (known: type, pins, mode, pull, debounceMs)",
            "sensors.d.address: must be 0x68 (AD0 low) or 0x69 (AD0 high), got 0x70",
            "sensors.d.rateHz: must be <= 1000, got 2000",
            "sensors.d.accelRangeG: must be one of 2, 4, 8, 16, got 3",
            "sensors.e.device: must be one of mpu6050, bme280 for type i2c, got \"bmp180\"",
            "sensors.f.channels[0]: must be one of temperature, humidity, pressure, got \"light\"",
            "sensors.g.channels: required key is missing",
            "sensors.h.channels[1]: must be <= 7, got 8",
            "sensors.h.baud: must be <= 3600000, got 10000000",
            "sensors.i.pins: required key is missing"),
        fx.problems(withSensors("""
              a: {type: gpio, pins: [4, 40, 4]}
              b: {type: gpio, pins: [5], windowMs: 10}
              c: {type: gpio, pins: [6], mode: edges, edge: rising}
              d: {type: i2c, device: mpu6050, address: 0x70, accelRangeG: 3, rateHz: 2000}
              e: {type: i2c, device: bmp180}
              f: {type: i2c, device: bme280, channels: [light]}
              g: {type: spi, device: mcp3008}
              h: {type: spi, device: mcp3008, chipSelect: 1, channels: [0, 8], baud: 10000000}
              i: {type: gpio}
            """)));
  }

  private static final String ACTIONS = "    actions:\n";

  @Test
  void load_actions_readGpioAndPulse() throws Exception {
    EdgeConfig c = fx.load(MINIMAL + ACTIONS
        + "      - when: {label: bearing_wear, minScore: 0.8, forWindows: 3}\n"
        + "        gpio: {pin: 17, state: high, holdMs: 2000}\n"
        + "      - when: {label: imbalance}\n"
        + "        pulse: {pin: 22, state: low, ms: 250}\n");
    assertEquals(List.of(
            new ActionConfig(new ActionConfig.When("bearing_wear", 0.8, 3), new ActionConfig.Set(17, true, 2000)),
            new ActionConfig(new ActionConfig.When("imbalance", 0, 1), new ActionConfig.Pulse(22, false, 250))),
        c.pipelines().get("vibration").actions());
  }

  @Test
  void load_actionMistakes_eachNamedByKeyPath() {
    assertEquals(List.of(
            "pipelines.vibration.actions[3]: expected a mapping, got \"x\"",
            "pipelines.vibration.actions[0]: needs gpio: {pin, state, holdMs} or pulse: {pin, state, ms}",
            "pipelines.vibration.actions[1].when.label: required key is missing",
            "pipelines.vibration.actions[1].gpio.state: must be one of high, low, got \"up\"",
            "pipelines.vibration.actions[2].when.minScore: must be <= 1, got 1.5",
            "pipelines.vibration.actions[2].pulse.ms: required key is missing"),
        fx.problems(MINIMAL + ACTIONS
            + "      - when: {label: idle}\n"
            + "      - when: {minScore: 0.5}\n"
            + "        gpio: {pin: 5, state: up}\n"
            + "      - when: {label: idle, minScore: 1.5}\n"
            + "        pulse: {pin: 6}\n"
            + "      - x\n"));
  }

  @Test
  void load_aPinOrAddressClaimedTwice_namesTheFirstOwner() {
    String yaml = withSensors("""
          pir: {type: gpio, pins: [17]}
          imu1: {type: i2c, device: mpu6050}
          imu2: {type: i2c, device: mpu6050, address: 0x68}
          adc1: {type: spi, device: mcp3008, channels: [0]}
          adc2: {type: spi, device: mcp3008, channels: [1]}
        """) + ACTIONS + "      - when: {label: idle}\n        gpio: {pin: 17}\n";
    assertEquals(List.of(
            "sensors.imu2.address: I2C address 0x68 on bus 1 is already used by sensors.imu1",
            "sensors.adc2.chipSelect: SPI bus 0 chip select 0 is already used by sensors.adc1",
            "pipelines.vibration.actions[0].gpio.pin: GPIO 17 is already used by sensors.pir"),
        fx.problems(yaml));
  }

  @Test
  void load_aHardwareSensorFeedingTwoPipelines_isRefused() {
    String yaml = MINIMAL.replace("type: synthetic", "type: gpio\n    pins: [4]")
        + "  second:\n    source: motor\n    model: vibration\n    window: {size: 16}\n";
    assertEquals(List.of("pipelines.second.source: sensor \"motor\" already feeds pipelines.vibration; "
        + "a sensor on pins or a bus feeds one pipeline"), fx.problems(yaml));
  }
}
