package dev.edgeinfer.sensor.gpio;

import static com.pi4j.io.gpio.digital.DigitalState.HIGH;
import static com.pi4j.io.gpio.digital.DigitalState.LOW;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import dev.edgeinfer.config.SensorConfig;
import dev.edgeinfer.config.SensorConfig.Edge;
import dev.edgeinfer.config.SensorConfig.GpioMode;
import dev.edgeinfer.config.SensorConfig.Pull;
import dev.edgeinfer.hardware.Hardware;
import dev.edgeinfer.sensor.Sample;
import dev.edgeinfer.sensor.SensorSource;
import dev.edgeinfer.testing.FakeTicker;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GPIO sources on Pi4J's mock pins: {@code mockState} fires the same change event the gpiod
 * provider fires for a real edge, and the fake ticker places each edge in time. A source's sleep
 * on the fake ticker returns at once with the clock moved to the slot, so edges for a slot are set
 * before the {@code next()} that reads it.
 */
class GpioSourcesTest {
  private static final long T0 = 1_000_000_000L;
  private static final long WALL_MILLIS = 1_700_000_000_000L;
  private Hardware hardware;
  private FakeTicker ticker;
  private Clock wall;

  @BeforeEach
  void setUp() {
    hardware = Hardware.mock();
    ticker = new FakeTicker(T0);
    wall = ticker.wallClock(WALL_MILLIS);
  }

  @AfterEach
  void tearDown() {
    hardware.close();
  }

  private MockDigitalInput pin(int bcm) {
    return hardware.context().registry().get("gpio-" + bcm, MockDigitalInput.class);
  }

  /** Sets mock pin {@code bcm} to {@code state} at {@code atMillis} after T0. */
  private void set(int bcm, DigitalState state, double atMillis) {
    long target = T0 + Math.round(atMillis * 1_000_000);
    ticker.advance(target - ticker.nanoTime(), TimeUnit.NANOSECONDS);
    pin(bcm).mockState(state);
  }

  private SensorSource open(GpioMode mode, double debounceMs, Edge edge, Integer... pins) throws Exception {
    SensorConfig.Gpio config = new SensorConfig.Gpio("in", Arrays.asList(pins), mode, Pull.UP, debounceMs,
        100, 1000, edge);
    return GpioSources.open(config, hardware, ticker, wall);
  }

  @Test
  void levels_sampleEachPinsDebouncedLevelOnTheSchedule() throws Exception {
    SensorSource source = open(GpioMode.LEVELS, 5, Edge.RISING, 17, 27);
    assertEquals(List.of("gpio17", "gpio27"), source.channels());
    assertArrayEquals(new float[] {0, 0}, source.next().values(), "slot 0, at T0");

    set(17, HIGH, 2);   // held for 6 ms: accepted
    set(17, LOW, 8);    // a bounce...
    set(17, HIGH, 9);   // ...back up after 1 ms
    set(27, HIGH, 3);   // a 1 ms glitch on 27, shorter than the 5 ms debounce
    set(27, LOW, 4);
    assertArrayEquals(new float[] {1, 0}, source.next().values(), "slot 1, at 10 ms");

    set(27, HIGH, 12);
    assertArrayEquals(new float[] {1, 1}, source.next().values(), "slot 2, at 20 ms: 27 has been high for 8 ms");
  }

  @Test
  void edges_oneSamplePerEdgeWithEveryPinsLevel_bouncesMerged() throws Exception {
    SensorSource source = open(GpioMode.EDGES, 5, Edge.BOTH, 5, 6);
    set(5, HIGH, 1);
    set(5, LOW, 2);     // bounce
    set(5, HIGH, 3);    // settles high from 3 ms
    set(6, HIGH, 20);   // settles the pending edge of pin 5 (17 ms old) first, then pends
    set(6, LOW, 40);    // pin 6's high is accepted; its low pends
    ticker.advance(10, TimeUnit.MILLISECONDS); // 50 ms: the low of pin 6 has held 10 ms

    Sample first = source.next();
    assertArrayEquals(new float[] {1, 0}, first.values(), "pin 5 rose");
    assertEquals(WALL_MILLIS + 3, first.epochMillis(), "stamped at its last raw change, not when it settled");
    Sample second = source.next();
    assertArrayEquals(new float[] {1, 1}, second.values(), "pin 6 rose");
    assertEquals(WALL_MILLIS + 20, second.epochMillis());
    Sample third = source.next();
    assertArrayEquals(new float[] {1, 0}, third.values(), "pin 6 fell");
    assertEquals(WALL_MILLIS + 40, third.epochMillis());

    source.close();
    assertNull(source.next(), "closed: the stream ends");
  }

  @Test
  void edges_withoutDebounce_everyChangeIsAnEdge() throws Exception {
    SensorSource source = open(GpioMode.EDGES, 0, Edge.BOTH, 4);
    set(4, HIGH, 1);
    set(4, LOW, 1.5);
    set(4, HIGH, 2);
    float[] levels = new float[3];
    for (int i = 0; i < 3; i++) {
      levels[i] = source.next().values()[0];
    }
    assertArrayEquals(new float[] {1, 0, 1}, levels);
  }

  @Test
  void counter_countsDebouncedRisingEdgesPerWindow() throws Exception {
    SensorSource source = open(GpioMode.COUNTER, 2, Edge.RISING, 23);
    assertEquals(1.0, source.sampleRateHz(), "one window per 1000 ms");
    assertArrayEquals(new float[] {0}, source.next().values(), "window (0 s, 1 s]: nothing yet");

    // Window (1 s, 2 s]: three clean pulses of a flow meter, the second one bouncing on its way up.
    for (int p = 0; p < 3; p++) {
      double t = 1100 + 200 * p;
      set(23, HIGH, t);
      if (p == 1) {
        set(23, LOW, t + 0.5);
        set(23, HIGH, t + 1);
      }
      set(23, LOW, t + 50);
    }
    assertArrayEquals(new float[] {3}, source.next().values(), "window (1 s, 2 s]");

    set(23, HIGH, 2500);
    set(23, LOW, 2501);  // 1 ms pulse: under the 2 ms debounce, not counted
    assertArrayEquals(new float[] {0}, source.next().values(), "window (2 s, 3 s]");

    set(23, HIGH, 3999);
    assertArrayEquals(new float[] {0}, source.next().values(), "window (3 s, 4 s]: the edge at 3.999 s settles at 4.001 s");
    assertArrayEquals(new float[] {1}, source.next().values(), "window (4 s, 5 s] counts it");
  }

  @Test
  void counter_bothEdges_andSeveralPins() throws Exception {
    SensorSource source = open(GpioMode.COUNTER, 0, Edge.BOTH, 12, 13);
    source.next();
    set(12, HIGH, 1100);
    set(12, LOW, 1200);
    set(13, HIGH, 1300);
    assertArrayEquals(new float[] {2, 1}, source.next().values());
  }

  @Test
  void pinUsedTwice_isRefusedNamingTheOwner() throws Exception {
    open(GpioMode.LEVELS, 0, Edge.RISING, 17);
    dev.edgeinfer.hardware.HardwareException e = org.junit.jupiter.api.Assertions.assertThrows(
        dev.edgeinfer.hardware.HardwareException.class, () -> hardware.input("pipelines.p.actions[0].gpio", 17,
            com.pi4j.io.gpio.digital.PullResistance.OFF));
    assertEquals("pipelines.p.actions[0].gpio: GPIO 17 is already used by sensors.in; give each sensor and action its own pin",
        e.getMessage());
  }

  @Test
  void edges_onTheSystemClock_aConsumerAlreadyWaitingIsWokenToSettleTheDebounce() throws Exception {
    SensorConfig.Gpio config = new SensorConfig.Gpio("button", List.of(21), GpioMode.EDGES, Pull.UP, 20, 10, 1000,
        Edge.BOTH);
    SensorSource source = GpioSources.open(config, hardware, dev.edgeinfer.sensor.Ticker.system(), Clock.systemUTC());
    java.util.concurrent.CompletableFuture<Sample> next = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return source.next();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    // Whether the consumer is already waiting (with no deadline) or not yet, the edge must reach it.
    Thread.sleep(50);
    pin(21).mockState(HIGH);
    assertArrayEquals(new float[] {1}, next.get(10, TimeUnit.SECONDS).values());
    source.close();
  }
}
