package dev.edgeinfer.sensor.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pi4j.plugin.mock.provider.spi.MockSpi;
import dev.edgeinfer.config.SensorConfig;
import dev.edgeinfer.hardware.Hardware;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MCP3008 against Pi4J's mock SPI device: the mock answers each transfer with bytes the test
 * queued, then queues what the driver sent, so both directions are checked.
 */
class Mcp3008Test {
  private Hardware hardware;
  private MockSpi spi;

  @BeforeEach
  void setUp() throws Exception {
    hardware = Hardware.mock();
    spi = (MockSpi) hardware.spi("test", 0, 0, 1_000_000, 0);
  }

  @AfterEach
  void tearDown() {
    hardware.close();
  }

  @Test
  void read_sendsStartSingleEndedChannel_andDecodesTenBits() throws Exception {
    // Replies: the 10-bit result is the low 2 bits of byte 1 and all of byte 2; the rest is noise to ignore.
    spi.write(new byte[] {
        (byte) 0xFF, (byte) 0xFE, (byte) 0xFF,  // channel 7: 0b10_1111_1111 = 767
        0x00, 0x00, 0x00,                        // channel 0: 0
        (byte) 0xAA, (byte) 0xFB, (byte) 0xFF}); // channel 3: 0b11_1111_1111 = 1023 (the high bits of byte 1 are not data)
    Mcp3008 adc = new Mcp3008(spi, "SPI bus 0 chip select 0");

    assertEquals(767, adc.read(7));
    assertEquals(0, adc.read(0));
    assertEquals(1023, adc.read(3));
    assertArrayEquals(new byte[] {
        0x01, (byte) 0xF0, 0x00,   // start bit; single-ended, channel 7 in the high nibble
        0x01, (byte) 0x80, 0x00,   // channel 0
        0x01, (byte) 0xB0, 0x00},  // channel 3
        spi.readEntireMockBuffer());
  }

  @Test
  void device_givesVoltsOrCountsPerConfiguredChannel() throws Exception {
    spi.write(new byte[] {0, 0x02, 0x00, 0, 0x01, 0x00}); // 512 on channel 2, 256 on channel 5
    Mcp3008 adc = new Mcp3008(spi, "SPI bus 0 chip select 0");
    float[] volts = new float[2];
    new Mcp3008Device(adc, config(SensorConfig.AdcUnit.VOLTS)).read(volts);
    assertArrayEquals(new float[] {1.65f, 0.825f}, volts, "512 / 1024 and 256 / 1024 of 3.3 V");

    spi.readEntireMockBuffer();
    spi.write(new byte[] {0, 0x03, (byte) 0xFF, 0, 0x00, 0x01});
    float[] counts = new float[2];
    new Mcp3008Device(adc, config(SensorConfig.AdcUnit.COUNTS)).read(counts);
    assertArrayEquals(new float[] {1023, 1}, counts);
  }

  private static SensorConfig.Mcp3008 config(SensorConfig.AdcUnit unit) {
    return new SensorConfig.Mcp3008("adc", 0, 0, List.of(2, 5), 3.3, unit, 100, 1_000_000);
  }
}
