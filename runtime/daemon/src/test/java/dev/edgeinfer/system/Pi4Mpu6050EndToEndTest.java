package dev.edgeinfer.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import dev.edgeinfer.config.ConfigLoader;
import dev.edgeinfer.config.EdgeConfig;
import dev.edgeinfer.hardware.Hardware;
import dev.edgeinfer.testing.Conformance;
import dev.edgeinfer.testing.MosquittoBroker;
import dev.edgeinfer.testing.TestSubscriber;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Pi 4 + MPU-6050 example config, end to end on Pi4J's mock platform: the recorded motor run
 * in {@code device-config/data/motor-sample.csv} is turned into the MPU-6050's register bytes and
 * loaded into the mock I2C device; the daemon (in this process) reads them through the real
 * driver at 400 Hz, classifies, and publishes to a real Mosquitto. When the recording runs out the
 * sensor stops answering: one {@code failing} event, and the status says so.
 */
class Pi4Mpu6050EndToEndTest {
  private static final String DEVICE = "e2e-pi4";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final int PASSES = 2;
  /** +-4 g, as the config sets it: 8192 LSB per g. */
  private static final double LSB_PER_G = 8192;
  private final ObjectMapper json = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void pi4Config_onTheMockPlatform_publishesInferencesFromRecordedRegisterData() throws Exception {
    Path repo = Conformance.repo();
    List<float[]> recording = readCsv(repo.resolve("device-config/data/motor-sample.csv"));
    int samples = PASSES * recording.size();
    int expectedResults = (samples - 128) / 64 + 1;

    try (MosquittoBroker broker = MosquittoBroker.start();
        Hardware hardware = Hardware.mock();
        TestSubscriber sub = TestSubscriber.connect(broker.url(), "edgeinfer/" + DEVICE + "/inference/#",
            "edgeinfer/" + DEVICE + "/event/#");
        TestSubscriber statusSub = TestSubscriber.connect(broker.url(), "edgeinfer/" + DEVICE + "/status")) {
      EdgeConfig config = ConfigLoader.load(repo.resolve("device-config/pi4-mpu6050.yaml"), List.of(
          "mqtt.broker=" + broker.url(), "device.id=" + DEVICE, "device.stateDir=" + tmp.resolve("state"),
          "hardware=mock", "mqtt.statusIntervalSeconds=1"));
      MockI2C chip = (MockI2C) hardware.i2c("test", 1, 0x68);
      chip.writeRegister(0x75, (byte) 0x68); // WHO_AM_I, read once when the daemon sets the chip up
      for (int pass = 0; pass < PASSES; pass++) {
        for (float[] g : recording) {
          chip.writeRegister(0x3B, registers(g));
        }
      }

      Daemon daemon = new Daemon(config, hardware);
      try {
        daemon.start();
        assertEquals(0x01, chip.readRegister(0x6B) & 0xFF, "the daemon woke the chip");
        assertEquals(1 << 3, chip.readRegister(0x1C) & 0xFF, "and set +-4 g (AFS_SEL 1)");

        String inference = "edgeinfer/" + DEVICE + "/inference/vibration";
        for (int i = 1; i <= expectedResults; i++) {
          JsonNode r = json.readTree(sub.awaitTopic(inference, WAIT).payload());
          assertEquals(i, r.get("seq").asLong(), "seq counts from 1 without a gap");
          assertEquals(DEVICE, r.get("device").asText());
          assertEquals("vibration", r.at("/model/name").asText());
          assertEquals("int8", r.at("/model/precision").asText());
          assertTrue(Set.of("idle", "normal", "imbalance", "bearing_wear").contains(r.at("/result/label").asText()),
              r.toString());
        }

        // The recording is over: the next read gets no answer.
        JsonNode event = json.readTree(sub.awaitTopic("edgeinfer/" + DEVICE + "/event/sensor", WAIT).payload());
        assertEquals("motor", event.get("sensor").asText());
        assertEquals("vibration", event.get("pipeline").asText());
        assertEquals("failing", event.get("state").asText());
        assertTrue(event.get("error").asText().startsWith("I2C bus 1, address 0x68: "), event.toString());
        sub.assertNothingWithin(Duration.ofMillis(1500)); // retries go on, quietly: no second event, no result

        JsonNode sensor = awaitStatus(statusSub, s -> s.at("/pipelines/vibration/sensor/state").asText().equals("failing"))
            .at("/pipelines/vibration/sensor");
        assertEquals("motor", sensor.get("name").asText());
        assertEquals(1, sensor.get("outages").asLong());
        assertEquals(400.0, sensor.get("rateHz").asDouble());
        assertTrue(sensor.get("samples").asLong() >= samples, sensor.toString());
        assertTrue(sensor.has("missed") && sensor.has("jitterP50Us") && sensor.has("jitterP99Us"), sensor.toString());
        System.out.println("MPU-6050 on the mock platform at 400 Hz, status: " + sensor);
      } finally {
        daemon.stop();
      }
      DigitalOutput light = hardware.context().registry().get("gpio-17", DigitalOutput.class);
      assertEquals(DigitalState.LOW, light.state(), "the warning light is off after the daemon stops");
    }
  }

  private JsonNode awaitStatus(TestSubscriber statusSub, java.util.function.Predicate<JsonNode> wanted) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode status = json.readTree(statusSub.awaitTopic("edgeinfer/" + DEVICE + "/status", WAIT).payload());
      if (wanted.test(status)) {
        return status;
      }
    }
    throw new AssertionError("no matching status within " + WAIT);
  }

  /** x, y, z in g from the recording's CSV (timestamp_ms,x,y,z). */
  private static List<float[]> readCsv(Path csv) throws Exception {
    List<float[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
      if (line.isBlank()) {
        continue;
      }
      String[] cells = line.split(",");
      rows.add(new float[] {Float.parseFloat(cells[1]), Float.parseFloat(cells[2]), Float.parseFloat(cells[3])});
    }
    return rows;
  }

  /** The 14 data registers from 0x3B for one sample: acceleration big-endian at 8192 LSB/g, temperature and gyro 0. */
  private static byte[] registers(float[] g) {
    byte[] burst = new byte[14];
    for (int axis = 0; axis < 3; axis++) {
      int raw = (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(g[axis] * LSB_PER_G)));
      burst[2 * axis] = (byte) (raw >> 8);
      burst[2 * axis + 1] = (byte) raw;
    }
    return burst;
  }
}
