package dev.edgeinfer.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgeinfer.config.ModelConfig;
import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.config.PolicyConfig;
import dev.edgeinfer.config.PrecisionConfig;
import dev.edgeinfer.pipeline.AccuracyMonitor;
import dev.edgeinfer.pipeline.ModelVariants;
import dev.edgeinfer.pipeline.Precision;
import dev.edgeinfer.publish.CommandException;
import dev.edgeinfer.system.SystemProbe;
import dev.edgeinfer.testing.DemoModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** precision/set as network input: every wrong request refused with the reason, nothing changed; good ones applied. */
class PrecisionSetCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ManualClock clock = new ManualClock();
  private final List<PrecisionSwitch> events = new ArrayList<>();
  private ModelVariants variants;
  private PrecisionSetCommand command;

  @BeforeEach
  void policy(@TempDir Path sys) throws Exception {
    new FakeSysfs(sys).mains("AC", true).zone(0, "cpu-thermal", 40);
    ModelConfig model = new ModelConfig("vibration", "1", DemoModels.int8(), Optional.of(DemoModels.fp32()),
        Optional.empty(), EngineKind.TFLITE, 1);
    variants = VariantsLoader.open(model, PrecisionConfig.DEFAULTS);
    PrecisionController c = new PrecisionController("vibration", variants,
        new AccuracyMonitor(AccuracyMonitor.Metric.TOP1, 100, 4), PolicyConfig.DEFAULTS, PrecisionConfig.DEFAULTS,
        List.of("idle", "normal", "imbalance", "bearing_wear"), clock, events::add);
    PrecisionPolicy policy = new PrecisionPolicy(PolicyConfig.DEFAULTS,
        new DeviceSignals(new SysfsPowerSource(sys), new SysfsThermalSource(sys)),
        List.of(new PrecisionPolicy.Member(c, model)), Map.of("replayed", "legacy"), new SystemProbe());
    policy.round();
    command = new PrecisionSetCommand(policy);
  }

  @AfterEach
  void close() {
    variants.close();
  }

  private String refused(String request) throws Exception {
    return assertThrows(CommandException.class, () -> command.handle((ObjectNode) JSON.readTree(request))).getMessage();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{}|precision is required: int8, fp32 or auto",
      "{\"precision\": \"fp16\"}|precision must be int8, fp32 or auto, got \"fp16\"",
      "{\"precision\": \"FP32\"}|precision must be int8, fp32 or auto, got \"FP32\"",
      "{\"precision\": 32}|precision must be a string, int8, fp32 or auto, got 32",
      "{\"precision\": \"fp32\", \"forSeconds\": -5}|forSeconds must be > 0 and <= 2592000 (30 days), got -5",
      "{\"precision\": \"fp32\", \"forSeconds\": 0}|forSeconds must be > 0 and <= 2592000 (30 days), got 0",
      "{\"precision\": \"fp32\", \"forSeconds\": \"10\"}|forSeconds must be a number of seconds, got \"10\"",
      "{\"precision\": \"fp32\", \"forSeconds\": 1e9}|forSeconds must be > 0 and <= 2592000 (30 days), got 1.0E9",
      "{\"precision\": \"auto\", \"forSeconds\": 60}|forSeconds applies to int8 or fp32; auto hands control back to the policy for good",
      "{\"precision\": \"fp32\", \"pipeline\": \"nope\"}|no pipeline named \"nope\" (pipelines with an fp32 variant: vibration)",
      "{\"precision\": \"fp32\", \"pipeline\": \"replayed\"}|pipeline replayed: model legacy has no fp32 variant, so it always runs int8",
      "{\"precision\": \"fp32\", \"pipeline\": 7}|pipeline must be a string, got 7",
      "{\"precision\": \"fp32\", \"pipelines\": \"vibration\"}|unknown field \"pipelines\" (known: forSeconds, pipeline, precision, requestId)"
  })
  void badRequest_isRefusedWithTheReason_andChangesNothing(String request, String reason) throws Exception {
    assertEquals(reason, refused(request));
    assertEquals(Precision.INT8, variants.selected());
    assertEquals(List.of(), events);
  }

  @Test
  void fp32ForTenSeconds_switches_andRepliesWithTheExpiry() throws Exception {
    ObjectNode reply = command.handle((ObjectNode) JSON.readTree(
        "{\"precision\": \"fp32\", \"pipeline\": \"vibration\", \"forSeconds\": 10, \"requestId\": \"r1\"}"));
    assertEquals(JSON.readTree("{\"pipelines\": {\"vibration\": {\"precision\": \"fp32\", \"override\": \"fp32\", "
        + "\"until\": " + (clock.epochMillis() + 10_000) + "}}}"), reply);
    assertEquals(1, events.size());
    assertEquals(Precision.FP32, variants.selected());
  }

  @Test
  void auto_withoutPipeline_appliesToEveryPipelineWithFp32() throws Exception {
    command.handle((ObjectNode) JSON.readTree("{\"precision\": \"fp32\"}"));
    ObjectNode reply = command.handle((ObjectNode) JSON.readTree("{\"precision\": \"auto\"}"));
    assertEquals(JSON.readTree("{\"pipelines\": {\"vibration\": {\"precision\": \"int8\", \"override\": \"auto\", "
        + "\"until\": null}}}"), reply);
    assertEquals(2, events.size());
  }
}
