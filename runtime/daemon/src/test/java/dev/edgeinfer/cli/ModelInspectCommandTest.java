package dev.edgeinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgeinfer.testing.CliRun;
import dev.edgeinfer.testing.Conformance;
import org.junit.jupiter.api.Test;

class ModelInspectCommandTest {

  @Test
  void inspect_json_describesTensorsOperatorsAndEngines() throws Exception {
    CliRun run = CliRun.of("model", "inspect", Conformance.model("hello_world_int8").toString(), "--json");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode model = new ObjectMapper().readTree(run.out());
    JsonNode input = model.get("inputs").get(0);
    assertEquals("INT8", input.get("type").asText());
    assertEquals("[1,1]", input.get("shape").toString());
    assertEquals(1, input.at("/quantization/scale").size());
    assertEquals("FULLY_CONNECTED", model.at("/operators/0/op").asText());
    assertEquals(3, model.get("operators").size());
    assertEquals("yes", model.at("/engines/tflite").asText());
    assertEquals("yes", model.at("/engines/java").asText());
  }

  @Test
  void inspect_modelTfliteRefuses_saysWhichEngineCannotRunIt() throws Exception {
    CliRun run = CliRun.of("model", "inspect", Conformance.model("person_detect").toString(), "--json");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode model = new ObjectMapper().readTree(run.out());
    assertEquals("[1,96,96,1]", model.at("/inputs/0/shape").toString());
    assertTrue(model.at("/engines/tflite").asText().startsWith("no: TensorFlow Lite cannot build an interpreter"),
        model.at("/engines/tflite").asText());
  }

  @Test
  void inspect_text_listsInputsOutputsAndOperatorCounts() {
    CliRun run = CliRun.of("model", "inspect", Conformance.model("micro_speech_quantized").toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("inputs:\n  #"), run.out());
    assertTrue(run.out().contains("operators: {RESHAPE=1, DEPTHWISE_CONV_2D=1, FULLY_CONNECTED=1, SOFTMAX=1}"),
        run.out());
    assertTrue(run.out().contains("  tflite: yes"), run.out());
  }
}
