package dev.edgeinfer.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.config.ModelConfig;
import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.config.PolicyConfig;
import dev.edgeinfer.config.PrecisionConfig;
import dev.edgeinfer.config.PrecisionConfig.Fp32Loading;
import dev.edgeinfer.config.PrecisionConfig.Mode;
import dev.edgeinfer.config.PrecisionConfig.WorthConfig;
import dev.edgeinfer.pipeline.AccuracyMonitor;
import dev.edgeinfer.pipeline.ModelVariants;
import dev.edgeinfer.pipeline.Precision;
import dev.edgeinfer.testing.DemoModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One pipeline's controller on the demo pair, a fake sysfs tree and a manual clock: which switches
 * happen, when, why, and that each is announced exactly once. Default policy: FP32 allowed on
 * mains or battery ≥ 50 % (55 % to return), below 70 °C (65 °C to return), 30 s minimum dwell.
 */
class PrecisionControllerTest {
  private static final List<String> LABELS = List.of("idle", "normal", "imbalance", "bearing_wear");
  private static final ModelConfig MODEL = new ModelConfig("vibration", "1", DemoModels.int8(),
      Optional.of(DemoModels.fp32()), Optional.empty(), EngineKind.TFLITE, 1);

  @TempDir Path sys;
  private FakeSysfs fs;
  private DeviceSignals signals;
  private final ManualClock clock = new ManualClock();
  private final List<PrecisionSwitch> events = new ArrayList<>();
  private ModelVariants variants;

  @BeforeEach
  void mainsAndCool() {
    fs = new FakeSysfs(sys).mains("AC", true).battery("BAT0", "Charging", 90).zone(0, "cpu-thermal", 45);
    signals = new DeviceSignals(new SysfsPowerSource(sys), new SysfsThermalSource(sys));
  }

  @AfterEach
  void close() {
    if (variants != null) {
      variants.close();
    }
  }

  private static PrecisionConfig precision(Mode mode, Fp32Loading loading, WorthConfig worth) {
    PrecisionConfig d = PrecisionConfig.DEFAULTS;
    return new PrecisionConfig(mode, loading, 0, d.agreementWindow(), d.minShadowRuns(), 0, false, 10, worth);
  }

  private static final WorthConfig ALWAYS = new WorthConfig(true, 0, OptionalDouble.empty(), List.of(), 30, false, 0.1);
  private static final WorthConfig NEVER = new WorthConfig(false, 0, OptionalDouble.empty(), List.of(), 30, false, 0.1);

  private PrecisionController controller(PrecisionConfig p) throws Exception {
    variants = VariantsLoader.open(MODEL, p);
    AccuracyMonitor monitor = new AccuracyMonitor(AccuracyMonitor.Metric.TOP1, 100, 4, clock::nanoTime);
    return new PrecisionController("vibration", variants, monitor, PolicyConfig.DEFAULTS, p, LABELS, clock, events::add);
  }

  private Optional<PrecisionSwitch> round(PrecisionController c) {
    return c.evaluate(signals.sample());
  }

  private PrecisionSwitch event(Precision from, Precision to, String reason) {
    return new PrecisionSwitch("vibration", from, to, reason, clock.epochMillis());
  }

  private static final String ALLOWED_ALWAYS = "fp32 allowed (mains: AC online; cpu-thermal 45.0 °C) and worth it: "
      + "worth.always";

  @Test
  void temperatureAboveLimit_forcesInt8EvenOnMains_fp32ReturnsOnlyAfterTheDwellTime() throws Exception {
    PrecisionController c = controller(precision(Mode.AUTO, Fp32Loading.EAGER, ALWAYS));
    assertEquals(Optional.of(event(Precision.INT8, Precision.FP32, ALLOWED_ALWAYS)), round(c));

    clock.advanceSeconds(1);
    fs.zone(0, "cpu-thermal", 80);
    assertEquals(Optional.of(event(Precision.FP32, Precision.INT8, "cpu 80.0 °C ≥ 70 °C limit")), round(c),
        "too hot: int8 at once, one second after the last switch (the dwell time does not hold it)");

    clock.advanceSeconds(1);
    fs.zone(0, "cpu-thermal", 60);
    assertEquals(Optional.empty(), round(c), "cool again, but within the dwell time");
    assertEquals(Optional.of("fp32 in 29.0 s (minimum dwell): fp32 allowed (mains: AC online; cpu-thermal 60.0 °C) "
        + "and worth it: worth.always"), c.snapshot().pending());

    clock.advanceSeconds(28.999);
    assertEquals(Optional.empty(), round(c), "1 ms before the dwell time is over");
    clock.advanceSeconds(0.001);
    assertEquals(Optional.of(event(Precision.INT8, Precision.FP32,
        "fp32 allowed (mains: AC online; cpu-thermal 60.0 °C) and worth it: worth.always")), round(c));
    assertEquals(Optional.empty(), c.snapshot().pending());
    assertEquals(3, events.size(), "one event per switch");
    assertEquals(Precision.FP32, variants.selected());
  }

  @Test
  void temperatureBetweenReturnAndLimit_afterTheDwell_staysInt8() throws Exception {
    PrecisionController c = controller(precision(Mode.AUTO, Fp32Loading.EAGER, ALWAYS));
    round(c);
    fs.zone(0, "cpu-thermal", 70);
    round(c);
    fs.zone(0, "cpu-thermal", 67);
    clock.advanceSeconds(60);
    assertEquals(Optional.empty(), round(c));
    assertEquals(Optional.of("cpu 67.0 °C > 65 °C (allow.maxCpuTemperatureC 70 - hysteresis 5)"),
        c.snapshot().lastReason());
    assertEquals(2, events.size());
  }

  @Test
  void mainsToBattery_switchesAtOnce_backOnMainsAfterTheDwell() throws Exception {
    PrecisionController c = controller(precision(Mode.AUTO, Fp32Loading.EAGER, ALWAYS));
    round(c);
    clock.advanceSeconds(5);
    fs.mains("AC", false).battery("BAT0", "Discharging", 30);
    assertEquals(Optional.of(event(Precision.FP32, Precision.INT8,
        "on battery at 30% < 50% (BAT0 Discharging at 30%)")), round(c));
    clock.advanceSeconds(5);
    fs.mains("AC", true).battery("BAT0", "Charging", 31);
    assertEquals(Optional.empty(), round(c));
    clock.advanceSeconds(25);
    assertEquals(Optional.of(event(Precision.INT8, Precision.FP32, ALLOWED_ALWAYS)), round(c));
    assertEquals(3, events.size());
  }

  @Test
  void override_fp32ForFiveSeconds_switchesAtOnce_andBackWhenItExpires() throws Exception {
    PrecisionController c = controller(precision(Mode.AUTO, Fp32Loading.EAGER, NEVER));
    assertEquals(Optional.empty(), round(c), "the rules keep int8");
    clock.advanceSeconds(1);
    long until = clock.epochMillis() + 5000;
    assertEquals(Optional.of(event(Precision.INT8, Precision.FP32, "remote override until "
        + java.time.Instant.ofEpochMilli(until))), c.override(Optional.of(Precision.FP32), OptionalDouble.of(5),
            signals.sample()));
    clock.advanceSeconds(4.999);
    assertEquals(Optional.empty(), round(c));
    clock.advanceSeconds(0.001);
    assertEquals(Optional.of(event(Precision.FP32, Precision.INT8, "remote override expired; fp32 not worth it: "
        + "no shadow runs yet, no watched label, costs not measured yet")), round(c),
        "back at expiry, although only 5 s have passed since the last switch");
    assertEquals(Optional.empty(), c.currentOverride());
    assertEquals(2, events.size());
  }

  @Test
  void override_auto_handsControlBack() throws Exception {
    PrecisionController c = controller(precision(Mode.AUTO, Fp32Loading.EAGER, NEVER));
    c.override(Optional.of(Precision.FP32), OptionalDouble.empty(), signals.sample());
    clock.advanceSeconds(3600);
    assertEquals(Optional.empty(), round(c), "no expiry: still fp32 an hour later");
    assertEquals(Precision.FP32, variants.selected());
    assertEquals(Precision.INT8, c.override(Optional.empty(), OptionalDouble.empty(), signals.sample())
        .orElseThrow().to());
  }

  @Test
  void override_fp32_winsOverHeat() throws Exception {
    fs.zone(0, "cpu-thermal", 85);
    PrecisionController c = controller(precision(Mode.AUTO, Fp32Loading.EAGER, ALWAYS));
    assertEquals(Optional.empty(), round(c));
    assertEquals(Precision.FP32, c.override(Optional.of(Precision.FP32), OptionalDouble.empty(), signals.sample())
        .orElseThrow().to(), "an operator's explicit order overrides the policy, heat included");
  }

  @Test
  void modeFp32_pinsFp32() throws Exception {
    PrecisionController c = controller(precision(Mode.FP32, Fp32Loading.EAGER, NEVER));
    assertEquals(Optional.of(event(Precision.INT8, Precision.FP32, "precision.mode is fp32")), round(c));
    fs.zone(0, "cpu-thermal", 90);
    assertEquals(Optional.empty(), round(c));
  }

  @Test
  void lazyLoading_loadsFp32OnlyWhenTheRulesSwitchToIt() throws Exception {
    PrecisionController c = controller(precision(Mode.AUTO, Fp32Loading.LAZY, ALWAYS));
    fs.zone(0, "cpu-thermal", 75);
    round(c);
    assertFalse(variants.fp32Loaded(), "too hot for fp32: not loaded");
    fs.zone(0, "cpu-thermal", 50);
    assertEquals(Precision.FP32, round(c).orElseThrow().to());
    assertTrue(variants.fp32Loaded());
  }

  @Test
  void watchedLabel_makesFp32WorthItForTheHoldTime() throws Exception {
    WorthConfig labels = new WorthConfig(false, 0, OptionalDouble.empty(), List.of("bearing_wear"), 10, false, 0.1);
    PrecisionController c = controller(precision(Mode.AUTO, Fp32Loading.EAGER, labels));
    assertEquals(Optional.empty(), round(c));
    c.accuracy().recordTopLabel(3);
    assertEquals("fp32 allowed (mains: AC online; cpu-thermal 45.0 °C) and worth it: label bearing_wear seen within "
        + "10 s", round(c).orElseThrow().reason());
    clock.advanceSeconds(30);
    assertEquals(Precision.INT8, round(c).orElseThrow().to(), "not seen for 30 s, and the dwell time is over");
  }

  @Test
  void unknownWatchedLabel_isRefusedNamingTheKey() {
    WorthConfig labels = new WorthConfig(false, 0, OptionalDouble.empty(), List.of("broken"), 10, false, 0.1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> controller(precision(Mode.AUTO, Fp32Loading.EAGER, labels)));
    assertEquals("pipelines.vibration.precision.worth.labels[0]: no label \"broken\" in the model's labels "
        + "(idle, normal, imbalance, bearing_wear)", e.getMessage());
  }
}
