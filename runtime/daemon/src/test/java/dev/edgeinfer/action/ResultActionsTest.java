package dev.edgeinfer.action;

import static com.pi4j.io.gpio.digital.DigitalState.HIGH;
import static com.pi4j.io.gpio.digital.DigitalState.LOW;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import dev.edgeinfer.config.ActionConfig;
import dev.edgeinfer.config.PipelineConfig;
import dev.edgeinfer.config.PreprocessingConfig;
import dev.edgeinfer.hardware.Hardware;
import dev.edgeinfer.pipeline.InferenceResult;
import dev.edgeinfer.testing.ManualTimer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Action rules driving Pi4J mock output pins, on a timer the test moves. */
class ResultActionsTest {
  private Hardware hardware;
  private ManualTimer timer;
  private final List<DigitalState> seen = new ArrayList<>();

  @BeforeEach
  void setUp() {
    hardware = Hardware.mock();
    timer = new ManualTimer();
  }

  @AfterEach
  void tearDown() {
    hardware.close();
  }

  private ResultActions open(ActionConfig... rules) throws Exception {
    PipelineConfig p = new PipelineConfig("vibration", "motor", "vibration", new PipelineConfig.WindowConfig(128, 64),
        new PreprocessingConfig(PreprocessingConfig.Normalize.NONE, PreprocessingConfig.Features.RAW, 8, true),
        PipelineConfig.OutputKind.CLASSIFICATION, List.of(rules));
    ResultActions actions = ResultActions.open(p, hardware, timer);
    for (ActionConfig rule : rules) {
      out(rule.action().pin()).addListener(e -> seen.add(e.state()));
    }
    return actions;
  }

  private DigitalOutput out(int pin) {
    return hardware.context().registry().get("gpio-" + pin, DigitalOutput.class);
  }

  private static InferenceResult result(String label, double score) {
    return new InferenceResult("vibration", 1, 0, "vibration", "1", "int8", "tflite", 0.1, label, score,
        Map.of(label, score), null);
  }

  private static ActionConfig hold(String label, double minScore, int forWindows, int pin, long holdMs) {
    return new ActionConfig(new ActionConfig.When(label, minScore, forWindows), new ActionConfig.Set(pin, true, holdMs));
  }

  @Test
  void hold_drivesThePinHighForTheHoldTimeThenLow_andTheShutdownLeavesItLow() throws Exception {
    ResultActions actions = open(hold("bearing_wear", 0.8, 3, 17, 2000));
    assertEquals(LOW, out(17).state(), "safe on start");

    actions.accept(result("bearing_wear", 0.9));
    actions.accept(result("bearing_wear", 0.85));
    assertEquals(LOW, out(17).state(), "two windows are not three");
    actions.accept(result("bearing_wear", 0.95));
    assertEquals(HIGH, out(17).state(), "three in a row");

    timer.advance(1999);
    assertEquals(HIGH, out(17).state());
    timer.advance(1);
    assertEquals(LOW, out(17).state(), "low again after 2000 ms");
    assertEquals(List.of(HIGH, LOW), seen, "one pulse, no flicker");

    actions.accept(result("bearing_wear", 0.9)); // the streak goes on: a 4th matching window
    assertEquals(HIGH, out(17).state());
    actions.close();
    assertEquals(LOW, out(17).state(), "low after shutdown");
    timer.advance(5000);
    actions.accept(result("bearing_wear", 0.99));
    assertEquals(LOW, out(17).state(), "a closed rule never drives again");
  }

  @Test
  void hold_eachMatchingWindowRestartsTheHold_andAWeakOrOtherResultBreaksTheStreak() throws Exception {
    ResultActions actions = open(hold("imbalance", 0.8, 2, 22, 1000));
    actions.accept(result("imbalance", 0.9));
    actions.accept(result("imbalance", 0.79)); // under minScore: the streak starts over
    actions.accept(result("imbalance", 0.9));
    assertEquals(LOW, out(22).state());
    actions.accept(result("imbalance", 0.9));
    assertEquals(HIGH, out(22).state());
    timer.advance(600);
    actions.accept(result("imbalance", 0.9)); // still holding: the hold restarts
    timer.advance(600);
    assertEquals(HIGH, out(22).state(), "1200 ms after the first trigger, 600 after the last");
    actions.accept(result("normal", 0.9));
    timer.advance(399);
    assertEquals(HIGH, out(22).state());
    timer.advance(1);
    assertEquals(LOW, out(22).state());
    assertEquals(List.of(HIGH, LOW), seen);
  }

  @Test
  void hold_withoutHoldTime_followsTheCondition() throws Exception {
    ResultActions actions = open(hold("idle", 0.5, 1, 5, 0));
    actions.accept(result("idle", 0.6));
    assertEquals(HIGH, out(5).state());
    actions.accept(result("idle", 0.7));
    actions.accept(result("normal", 0.7));
    assertEquals(LOW, out(5).state());
    assertEquals(0, timer.pending());
  }

  @Test
  void pulse_oncePerTimeTheConditionStartsToHold() throws Exception {
    ResultActions actions = open(new ActionConfig(new ActionConfig.When("motion", 0.6, 1),
        new ActionConfig.Pulse(26, true, 200)));
    actions.accept(result("motion", 0.9));
    assertEquals(HIGH, out(26).state());
    timer.advance(200);
    assertEquals(LOW, out(26).state());
    actions.accept(result("motion", 0.9)); // still the same event: no new pulse
    timer.advance(1000);
    actions.accept(result("still", 0.9));
    actions.accept(result("motion", 0.9)); // a new event
    timer.advance(200);
    assertEquals(List.of(HIGH, LOW, HIGH, LOW), seen);
  }

  @Test
  void activeLow_relayBoard_safeIsHigh() throws Exception {
    ResultActions actions = open(new ActionConfig(new ActionConfig.When("motion", 0, 1),
        new ActionConfig.Set(24, false, 500)));
    assertEquals(HIGH, out(24).state(), "an active-low relay is off when the pin is high");
    actions.accept(result("motion", 0.2));
    assertEquals(LOW, out(24).state());
    actions.close();
    assertEquals(HIGH, out(24).state());
  }

  @Test
  void contextShutdown_drivesOutputsToTheirSafeState() throws Exception {
    ResultActions actions = open(hold("imbalance", 0, 1, 16, 0));
    actions.accept(result("imbalance", 1));
    DigitalOutput pin = out(16);
    assertEquals(HIGH, pin.state());
    hardware.close(); // without closing the rules: the provider's shutdown state still applies
    assertEquals(LOW, pin.state());
  }
}
