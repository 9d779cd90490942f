package dev.edgeinfer.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import dev.edgeinfer.config.ConfigLoader;
import dev.edgeinfer.config.EdgeConfig;
import dev.edgeinfer.hardware.Hardware;
import dev.edgeinfer.testing.Conformance;
import dev.edgeinfer.testing.MosquittoBroker;
import dev.edgeinfer.testing.TestSubscriber;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Pi Zero 2 W (PIR and relay) and Pi 5 (BME280 and UPS power-good pin) example configs, run
 * in-process on Pi4J's mock platform against a real Mosquitto, with their sampling rates raised so
 * that windows fill in a fraction of a second.
 */
class BoardConfigsEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final ObjectMapper json = new ObjectMapper();

  @TempDir
  Path tmp;

  private EdgeConfig load(String file, String device, MosquittoBroker broker, String... more) throws Exception {
    List<String> overrides = new ArrayList<>(List.of("mqtt.broker=" + broker.url(), "device.id=" + device,
        "device.stateDir=" + tmp.resolve(device), "hardware=mock", "mqtt.statusIntervalSeconds=1"));
    overrides.addAll(List.of(more));
    return ConfigLoader.load(Conformance.repo().resolve("device-config").resolve(file), overrides);
  }

  @Test
  void piZero_pirMotionSwitchesTheRelay_andTheRelayIsOffAfterStop() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start();
        Hardware hardware = Hardware.mock();
        TestSubscriber sub = TestSubscriber.connect(broker.url(), "edgeinfer/zero-e2e/inference/#")) {
      Daemon daemon = new Daemon(load("pizero2w-pir-relay.yaml", "zero-e2e", broker, "sensors.pir.rateHz=100"), hardware);
      try {
        daemon.start();
        DigitalOutput relay = hardware.context().registry().get("gpio-17", DigitalOutput.class);
        assertEquals(DigitalState.LOW, relay.state(), "the relay is off at start");
        JsonNode still = json.readTree(sub.awaitTopic("edgeinfer/zero-e2e/inference/motion", WAIT).payload());
        assertEquals("still", still.at("/result/label").asText(), "the PIR is low");

        hardware.context().registry().get("gpio-4", MockDigitalInput.class).mockState(DigitalState.HIGH);
        JsonNode motion = json.readTree(sub.awaitMatching(m -> m.topic().endsWith("/motion")
            && m.text().contains("\"label\":\"motion\""), WAIT, "a motion result").payload());
        assertTrue(motion.at("/result/score").asDouble() >= 0.7, motion.toString());
        assertEquals(DigitalState.HIGH, relay.state(), "the relay is on, and holds for 30 s");
      } finally {
        daemon.stop();
      }
      assertEquals(DigitalState.LOW, hardware.context().registry().get("gpio-17", DigitalOutput.class).state(),
          "the relay is off after the daemon stops");
    }
  }

  @Test
  void pi5_bme280RoomClassified_andThePowerGoodPinShowsInStatus() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start();
        Hardware hardware = Hardware.mock();
        TestSubscriber sub = TestSubscriber.connect(broker.url(), "edgeinfer/pi5-e2e/inference/#");
        TestSubscriber statusSub = TestSubscriber.connect(broker.url(), "edgeinfer/pi5-e2e/status")) {
      MockI2C bme = (MockI2C) hardware.i2c("test", 1, 0x76);
      bme.writeRegister(0xD0, (byte) 0x60);
      bme.writeRegister(0x88, dev.edgeinfer.sensor.i2c.Bme280TestData.block1());
      bme.writeRegister(0xE1, dev.edgeinfer.sensor.i2c.Bme280TestData.block2());
      for (int i = 0; i < 60; i++) {
        // The datasheet example: 25.08 degrees C, 1006.5 hPa; humidity 55.0 % RH.
        bme.writeRegister(0xF7, new byte[] {0x65, 0x5A, (byte) 0xC0, 0x7E, (byte) 0xED, 0x00, 0x75, 0x30});
      }
      Daemon daemon = new Daemon(load("pi5-ups-bme280.yaml", "pi5-e2e", broker,
          "sensors.environment.rateHz=50", "sensors.ups_power.rateHz=50"), hardware);
      try {
        daemon.start();
        hardware.context().registry().get("gpio-6", MockDigitalInput.class).mockState(DigitalState.HIGH);

        JsonNode room = json.readTree(sub.awaitTopic("edgeinfer/pi5-e2e/inference/room", WAIT).payload());
        assertEquals("comfortable", room.at("/result/label").asText(), room.toString());

        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode ups;
        do {
          ups = json.readTree(statusSub.awaitTopic("edgeinfer/pi5-e2e/status", WAIT).payload()).at("/sensors/ups_power");
        } while (ups.at("/values/gpio6").asDouble() != 1.0 && System.nanoTime() < deadline);
        assertEquals(1.0, ups.at("/values/gpio6").asDouble(), ups.toString());
        assertEquals("ok", ups.get("state").asText());
        assertEquals(1.0f, daemon.monitor("ups_power").orElseThrow().latest().values()[0],
            "the reading the precision policy takes");
        // The pin is the policy's power signal (policy.power.source: gpio): high is mains, low battery.
        assertEquals("mains", awaitSupply(statusSub, "mains"));
        hardware.context().registry().get("gpio-6", MockDigitalInput.class).mockState(DigitalState.LOW);
        assertEquals("battery", awaitSupply(statusSub, "battery"));
      } finally {
        daemon.stop();
      }
    }
  }

  /** Reads status heartbeats until the policy's power supply reads {@code wanted} (or the wait ends). */
  private String awaitSupply(TestSubscriber statusSub, String wanted) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    String supply;
    do {
      supply = json.readTree(statusSub.awaitTopic("edgeinfer/pi5-e2e/status", WAIT).payload())
          .at("/power/supply").asText();
    } while (!supply.equals(wanted) && System.nanoTime() < deadline);
    return supply;
  }
}
