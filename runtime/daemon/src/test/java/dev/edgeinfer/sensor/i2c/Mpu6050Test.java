package dev.edgeinfer.sensor.i2c;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.pi4j.plugin.mock.provider.i2c.MockI2C;
import dev.edgeinfer.hardware.Hardware;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MPU-6050 driver against Pi4J's mock I2C device. The mock keeps a queue of bytes per
 * register: the test queues what the chip would answer, and reads back what the driver wrote.
 */
class Mpu6050Test {
  private Hardware hardware;
  private MockI2C chip;

  @BeforeEach
  void setUp() throws Exception {
    hardware = Hardware.mock();
    chip = (MockI2C) hardware.i2c("test", 1, 0x68);
  }

  @AfterEach
  void tearDown() {
    hardware.close();
  }

  @Test
  void init_wakesTheChipAndWritesFilterDividerAndRanges() throws Exception {
    chip.writeRegister(Mpu6050.WHO_AM_I, (byte) 0x68);
    new Mpu6050(new Pi4jRegisterBus(chip), 400, 4, 500).init();

    assertEquals(0x01, written(Mpu6050.PWR_MGMT_1), "awake, clock from the X gyro's PLL");
    assertEquals(1, written(Mpu6050.SMPLRT_DIV), "1 kHz / (1 + 1) = 500 Hz >= 400 Hz");
    assertEquals(1, written(Mpu6050.CONFIG), "DLPF_CFG 1: 184 Hz < 400 / 2");
    assertEquals(1 << 3, written(Mpu6050.GYRO_CONFIG), "FS_SEL 1: +-500 degrees/s");
    assertEquals(1 << 3, written(Mpu6050.ACCEL_CONFIG), "AFS_SEL 1: +-4 g");
  }

  @Test
  void read_decodesTheBurstToPhysicalValues_withNegativeValuesSignExtended() throws Exception {
    chip.writeRegister(Mpu6050.WHO_AM_I, (byte) 0x68);
    Mpu6050 mpu = new Mpu6050(new Pi4jRegisterBus(chip), 400, 4, 500);
    mpu.init();
    chip.writeRegister(Mpu6050.ACCEL_XOUT_H, new byte[] {
        0x20, 0x00,                // ACCEL_X = 8192: +1 g at 8192 LSB/g (+-4 g)
        (byte) 0xE0, 0x00,         // ACCEL_Y = -8192: -1 g
        (byte) 0xFF, (byte) 0xFF,  // ACCEL_Z = -1: the smallest negative step, -1/8192 g
        0x00, 0x00,                // TEMP = 0: 36.53 degrees C
        0x19, (byte) 0x96,         // GYRO_X = 6550: +100 degrees/s at 65.5 LSB/(degree/s)
        (byte) 0x80, 0x00,         // GYRO_Y = -32768: the most negative value, -500.2290 degrees/s
        0x00, 0x00});              // GYRO_Z = 0
    float[] out = new float[7];
    mpu.read(out);

    assertArrayEquals(new float[] {1f, -1f, -1f / 8192, 100f, (float) (-32768 / 65.5), 0f, 36.53f}, out);
  }

  @Test
  void read_at2gAnd250dps_usesTheMostSensitiveScale() throws Exception {
    chip.writeRegister(Mpu6050.WHO_AM_I, (byte) 0x68);
    Mpu6050 mpu = new Mpu6050(new Pi4jRegisterBus(chip), 100, 2, 250);
    mpu.init();
    chip.writeRegister(Mpu6050.ACCEL_XOUT_H, new byte[] {
        (byte) 0xC0, 0x00,  // ACCEL_X = -16384: -1 g at 16384 LSB/g
        0x7F, (byte) 0xFF,  // ACCEL_Y = 32767: just under +2 g
        0x00, 0x00,
        (byte) 0xF2, (byte) 0xB8,  // TEMP = -3400: -10 + 36.53 degrees C
        (byte) 0xFF, 0x7D,  // GYRO_X = -131: -1 degree/s at 131 LSB/(degree/s)
        0x00, 0x00, 0x00, 0x00});
    float[] out = new float[7];
    mpu.read(out);

    assertEquals(-1f, out[0]);
    assertEquals((float) (32767 / 16384.0), out[1]);
    assertEquals(-1f, out[3]);
    assertEquals((float) (-3400 / 340.0 + 36.53), out[6]);
    assertEquals(9, written(Mpu6050.SMPLRT_DIV), "1 kHz / 10 = 100 Hz");
    assertEquals(3, written(Mpu6050.CONFIG), "44 Hz < 100 / 2");
  }

  @Test
  void init_anotherChip_saysWhatAnswered() {
    chip.writeRegister(Mpu6050.WHO_AM_I, (byte) 0x70);
    IOException e = assertThrows(IOException.class, () -> new Mpu6050(new Pi4jRegisterBus(chip), 400, 2, 250).init());
    assertEquals("I2C bus 1, address 0x68: WHO_AM_I reads 0x70, an MPU-6050 reads 0x68: another chip answers at this address",
        e.getMessage());
  }

  @Test
  void read_noAnswer_isAnIOExceptionNamingBusAndRegister() throws Exception {
    chip.writeRegister(Mpu6050.WHO_AM_I, (byte) 0x68);
    Mpu6050 mpu = new Mpu6050(new Pi4jRegisterBus(chip), 400, 2, 250);
    mpu.init();
    IOException e = assertThrows(IOException.class, () -> mpu.read(new float[7]));
    assertEquals("I2C bus 1, address 0x68: read of 14 bytes from register 0x3B returned nothing (the device does not answer)",
        e.getMessage());
  }

  @Test
  void dividerAndFilter_followTheRate() {
    assertEquals(0, Mpu6050.dividerFor(1000));
    assertEquals(1, Mpu6050.dividerFor(400));
    assertEquals(9, Mpu6050.dividerFor(100));
    assertEquals(255, Mpu6050.dividerFor(1), "the slowest the chip goes: 3.9 Hz");
    assertEquals(1, Mpu6050.dlpfFor(1000));
    assertEquals(2, Mpu6050.dlpfFor(200), "94 Hz < 100 Hz");
    assertEquals(6, Mpu6050.dlpfFor(10), "5 Hz <= 5 Hz");
    assertEquals(6, Mpu6050.dlpfFor(1), "nothing is narrower than 5 Hz");
  }

  /** What the driver wrote to {@code register} (the mock hands back signed bytes). */
  private int written(int register) {
    return chip.readRegister(register) & 0xFF;
  }
}
