package dev.edgeinfer.config;

import static dev.edgeinfer.config.ConfigFixture.MINIMAL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgeinfer.config.PolicyConfig.AllowConfig;
import dev.edgeinfer.config.PolicyConfig.HysteresisConfig;
import dev.edgeinfer.config.PolicyConfig.PowerConfig;
import dev.edgeinfer.config.PolicyConfig.PowerSourceKind;
import dev.edgeinfer.config.PolicyConfig.ThermalConfig;
import dev.edgeinfer.config.PolicyConfig.ThermalSourceKind;
import dev.edgeinfer.config.PolicyConfig.UnknownPower;
import dev.edgeinfer.config.PrecisionConfig.Fp32Loading;
import dev.edgeinfer.config.PrecisionConfig.Mode;
import dev.edgeinfer.config.PrecisionConfig.WorthConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code policy} section and {@code pipelines.NAME.precision}: defaults, every key, and mistakes by key path. */
class PolicyConfigTest {
  @TempDir Path dir;
  ConfigFixture fx;

  @BeforeEach
  void setUp() {
    fx = new ConfigFixture(dir);
  }

  private static final String WITH_FP32 = MINIMAL.replace("int8: models/vibration_int8.tflite",
      "int8: models/vibration_int8.tflite\n    fp32: models/vibration_fp32.tflite");

  private static String precision(String yaml) {
    return WITH_FP32 + "    precision:\n" + yaml.indent(6);
  }

  @Test
  void load_withoutPolicy_appliesEveryDefault() throws Exception {
    EdgeConfig c = fx.load(MINIMAL);
    assertEquals(PolicyConfig.DEFAULTS, c.policy());
    assertEquals(PrecisionConfig.DEFAULTS, c.pipelines().get("vibration").precision());
    assertEquals(new PolicyConfig(1000, 30,
        new PowerConfig(PowerSourceKind.SYSFS, Path.of("/sys"), Optional.empty(), UnknownPower.MAINS),
        new ThermalConfig(ThermalSourceKind.SYSFS, Path.of("/sys")), new AllowConfig(true, 50, 70, false),
        new HysteresisConfig(5, 5, 0.02, 0)), c.policy());
    assertEquals(new PrecisionConfig(Mode.AUTO, Fp32Loading.EAGER, 10, 100, 20, 0, true, 200,
        new WorthConfig(false, 0.9, OptionalDouble.empty(), List.of(), 30, false, 0.1)), PrecisionConfig.DEFAULTS);
  }

  @Test
  void load_everyKey_isRead() throws Exception {
    fx.placeholder("run/power");
    EdgeConfig c = fx.load(precision("""
        mode: fp32
        fp32Loading: lazy
        shadowEvery: 5
        agreementWindow: 40
        minShadowRuns: 10
        escalateBelow: 0.6
        benchmarkAtStart: false
        benchmarkRuns: 50
        worth: {always: true, agreementBelow: 0.8, labels: [bearing_wear], labelHoldSeconds: 12.5, whenFaster: true, fasterMargin: 0.2}
        """) + """
        policy:
          intervalMillis: 250
          minDwellSeconds: 0
          power: {source: file, file: run/power, sysfsRoot: fake, unknownAs: battery}
          thermal: {source: none, sysfsRoot: /other}
          allow: {onBattery: false, minBatteryPercent: 80, maxCpuTemperatureC: 65.5, whenThrottled: true}
          hysteresis: {batteryPercent: 10, temperatureC: 2.5, agreement: 0.05, difference: 0.01}
        """);
    assertEquals(new PolicyConfig(250, 0,
        new PowerConfig(PowerSourceKind.FILE, dir.resolve("fake"), Optional.of(dir.resolve("run/power")),
            UnknownPower.BATTERY),
        new ThermalConfig(ThermalSourceKind.NONE, Path.of("/other")), new AllowConfig(false, 80, 65.5, true),
        new HysteresisConfig(10, 2.5, 0.05, 0.01)), c.policy());
    assertEquals(new PrecisionConfig(Mode.FP32, Fp32Loading.LAZY, 5, 40, 10, 0.6, false, 50,
        new WorthConfig(true, 0.8, OptionalDouble.empty(), List.of("bearing_wear"), 12.5, true, 0.2)),
        c.pipelines().get("vibration").precision());
  }

  @Test
  void configGet_savedAsYaml_loadsBackWithEveryPolicyKey() throws Exception {
    EdgeConfig original = fx.load(precision("""
        {mode: int8, fp32Loading: lazy, escalateBelow: 0.7, worth: {labels: [a, b], whenFaster: true}}
        """) + "policy: {minDwellSeconds: 12.5, power: {source: none, unknownAs: battery}, allow: {onBattery: false}}\n");
    String yaml = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
        .writeValueAsString(ConfigRedactor.toJson(original));
    assertEquals(original, fx.load(yaml));
  }

  @Test
  void load_regressor_takesDifferenceAbove() throws Exception {
    EdgeConfig c = fx.load(precision("worth: {differenceAbove: 0.05}") + "    output: regression\n");
    assertEquals(OptionalDouble.of(0.05), c.pipelines().get("vibration").precision().worth().differenceAbove());
  }

  @Test
  void load_gpioPowerSource_needsAGpioSensorOfItsOwn() {
    assertEquals(List.of("policy.power.sensor: no sensor named \"ups\" (sensors: motor)"),
        fx.problems(MINIMAL + "policy: {power: {source: gpio, sensor: ups}}\n"));
    assertEquals(List.of("policy.power.sensor: \"motor\" must be a gpio sensor with mode levels"),
        fx.problems(MINIMAL + "policy: {power: {source: gpio, sensor: motor}}\n"));
    assertEquals(List.of("policy.power.sensor: required when source is gpio (a gpio sensor, mode levels, on the "
        + "power-good pin)"), fx.problems(MINIMAL + "policy: {power: {source: gpio}}\n"));
  }

  @Test
  void load_mistakes_areReportedByKeyPath() {
    assertEquals(List.of(
        "pipelines.vibration.precision.mode: must be one of auto, int8, fp32, got \"fp16\"",
        "pipelines.vibration.precision.shadowEvery: must be >= 0, got -1",
        "pipelines.vibration.precision.escalateBelow: must be <= 1, got 1.5",
        "pipelines.vibration.precision.worth.colour: unknown key (known: always, agreementBelow, differenceAbove, "
            + "labels, labelHoldSeconds, whenFaster, fasterMargin)",
        "pipelines.vibration.precision.worth.agreementBelow: must be <= 1, got 2",
        "policy.minDwellSeconds: must be >= 0, got -1",
        "policy.power.source: must be one of sysfs, file, gpio, none, got \"battery-hat\"",
        "policy.allow.minBatteryPercent: must be <= 100, got 101",
        "policy.allow.maxCpuTemperatureC: expected a number, got \"hot\"",
        "policy.hysteresis.agreement: must be <= 1, got 5"),
        fx.problems(precision("""
            mode: fp16
            shadowEvery: -1
            escalateBelow: 1.5
            worth: {agreementBelow: 2, colour: red}
            """) + """
            policy:
              minDwellSeconds: -1
              power: {source: battery-hat}
              allow: {minBatteryPercent: 101, maxCpuTemperatureC: hot}
              hysteresis: {agreement: 5}
            """));
  }

  @Test
  void load_fp32ModeOrEscalationWithoutAnFp32File_isRefused() {
    assertEquals(List.of(
        "pipelines.vibration.precision.mode: fp32 needs an FP32 variant, but models.vibration has no fp32 file",
        "pipelines.vibration.precision.escalateBelow: escalation needs an FP32 variant, but models.vibration has no "
            + "fp32 file"),
        fx.problems(MINIMAL + "    precision: {mode: fp32, escalateBelow: 0.5}\n"));
  }

  @Test
  void load_keysThatNeedAnotherOutputKind_areRefused() {
    assertEquals(List.of(
        "pipelines.vibration.precision.escalateBelow: needs output: classification (a regressor has no confidence score)",
        "pipelines.vibration.precision.worth.labels: needs output: classification"),
        fx.problems(precision("{escalateBelow: 0.5, worth: {labels: [x]}}") + "    output: regression\n"));
    assertEquals(List.of("pipelines.vibration.precision.worth.differenceAbove: is for output: regression; a classifier "
        + "uses agreementBelow"), fx.problems(precision("worth: {differenceAbove: 0.1}")));
  }

  @Test
  void load_fileSourceWithoutFile_andMinRunsAboveWindow_areRefused() {
    assertEquals(List.of(
        "pipelines.vibration.precision.minShadowRuns: must be <= agreementWindow (10), got 20",
        "policy.power.file: required when source is file (a file holding mains, battery or battery PERCENT)"),
        fx.problems(precision("{agreementWindow: 10, minShadowRuns: 20}") + "policy: {power: {source: file}}\n"));
  }
}
