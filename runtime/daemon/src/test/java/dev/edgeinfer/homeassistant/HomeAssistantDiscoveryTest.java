package dev.edgeinfer.homeassistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgeinfer.config.HomeAssistantConfig;
import dev.edgeinfer.config.MqttConfig;
import dev.edgeinfer.config.PipelineConfig;
import dev.edgeinfer.config.PipelineConfig.OutputKind;
import dev.edgeinfer.config.PreprocessingConfig;
import dev.edgeinfer.publish.Publisher;
import dev.edgeinfer.publish.Publishers;
import dev.edgeinfer.publish.Topics;
import dev.edgeinfer.testing.MosquittoBroker;
import dev.edgeinfer.testing.TestSubscriber;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery against a real Mosquitto, read back the way Home Assistant reads it: retained configs. */
class HomeAssistantDiscoveryTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Topics TOPICS = new Topics("edgeinfer", "ha-dev", List.of());
  private static final HomeAssistantConfig ON = new HomeAssistantConfig(true, "homeassistant");

  @TempDir
  Path state;

  private static Map<String, PipelineConfig> pipelines(String... names) {
    Map<String, PipelineConfig> m = new LinkedHashMap<>();
    for (String n : names) {
      m.put(n, new PipelineConfig(n, "s", "m", new PipelineConfig.WindowConfig(128, 64), new PreprocessingConfig(PreprocessingConfig.Normalize.NONE, PreprocessingConfig.Features.RAW, 8, false),
          n.startsWith("reg") ? OutputKind.REGRESSION : OutputKind.CLASSIFICATION));
    }
    return m;
  }

  private static Publisher publisher(String url) throws Exception {
    return Publishers.open(new MqttConfig(url, 0, "ha-" + UUID.randomUUID(), "edgeinfer", 1, Optional.empty(),
        Optional.empty(), 60, 10), TOPICS, url);
  }

  private void run(String url, HomeAssistantConfig ha, String... names) throws Exception {
    try (Publisher pub = publisher(url);
        HomeAssistantDiscovery d = new HomeAssistantDiscovery(ha, TOPICS, pipelines(names), "1.2.3", state)) {
      pub.start(10_000);
      d.start(pub);
    }
  }

  @Test
  void announcesEachPipeline_retained_underOneDevice() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      run(broker.url(), ON, "vibration", "regA");
      try (TestSubscriber late = TestSubscriber.connect(broker.url(), "homeassistant/device/ha-dev/+/config")) {
        JsonNode vib = JSON.readTree(late.awaitTopic("homeassistant/device/ha-dev/vibration/config", WAIT).payload());
        assertEquals(JSON.readTree("""
            {"device": {"identifiers": ["edgeinfer_ha-dev"], "name": "ha-dev", "manufacturer": "edgeinfer",
                        "model": "edgeinfer daemon", "sw_version": "1.2.3"},
             "origin": {"name": "edgeinfer", "sw_version": "1.2.3"},
             "state_topic": "edgeinfer/ha-dev/inference/vibration", "qos": 1,
             "availability": [{"topic": "edgeinfer/ha-dev/availability",
                               "value_template": "{{ 'online' if value == 'online' else 'offline' }}"}],
             "components": {
               "edgeinfer_ha-dev_vibration_label": {"platform": "sensor", "unique_id": "edgeinfer_ha-dev_vibration_label",
                 "name": "vibration label", "value_template": "{{ value_json.result.label }}",
                 "json_attributes_topic": "edgeinfer/ha-dev/inference/vibration",
                 "json_attributes_template": "{{ value_json.result.scores | tojson }}", "icon": "mdi:label-outline"},
               "edgeinfer_ha-dev_vibration_score": {"platform": "sensor", "unique_id": "edgeinfer_ha-dev_vibration_score",
                 "name": "vibration score", "value_template": "{{ value_json.result.score }}", "state_class": "measurement"},
               "edgeinfer_ha-dev_vibration_precision": {"platform": "sensor", "unique_id": "edgeinfer_ha-dev_vibration_precision",
                 "name": "vibration precision", "value_template": "{{ value_json.model.precision }}",
                 "entity_category": "diagnostic"},
               "edgeinfer_ha-dev_vibration_latency": {"platform": "sensor", "unique_id": "edgeinfer_ha-dev_vibration_latency",
                 "name": "vibration latency", "value_template": "{{ value_json.latencyMs }}", "unit_of_measurement": "ms",
                 "state_class": "measurement", "entity_category": "diagnostic"}}}
            """), vib);
        JsonNode reg = JSON.readTree(late.awaitTopic("homeassistant/device/ha-dev/regA/config", WAIT).payload());
        assertEquals(vib.get("device"), reg.get("device"), "one device for all pipelines");
        assertEquals("{{ value_json.result.values[0] }}",
            reg.at("/components/edgeinfer_ha-dev_regA_value/value_template").asText());
      }
      assertEquals(List.of("vibration", "regA"), Files.readAllLines(state.resolve(HomeAssistantDiscovery.STATE_FILE)));
    }
  }

  @Test
  void homeAssistantOnline_republishes() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start();
        Publisher pub = publisher(broker.url());
        HomeAssistantDiscovery d = new HomeAssistantDiscovery(ON, TOPICS, pipelines("vibration"), "1", state);
        TestSubscriber ha = TestSubscriber.connect(broker.url(), "homeassistant/device/#")) {
      pub.start(10_000);
      d.start(pub);
      ha.awaitTopic("homeassistant/device/ha-dev/vibration/config", WAIT);
      ha.assertNothingWithin(Duration.ofMillis(200));
      ha.publish("homeassistant/status", "online");
      TestSubscriber.Received again = ha.awaitTopic("homeassistant/device/ha-dev/vibration/config", WAIT);
      assertTrue(again.text().contains("\"state_topic\":\"edgeinfer/ha-dev/inference/vibration\""), again.text());
      ha.publish("homeassistant/status", "offline");
      ha.assertNothingWithin(Duration.ofMillis(300));
    }
  }

  @Test
  void pipelineRemovedFromConfig_emptyRetainedPayload_thenDisabledRemovesAll() throws Exception {
    try (MosquittoBroker broker = MosquittoBroker.start()) {
      run(broker.url(), ON, "a", "b");
      run(broker.url(), ON, "a");
      try (TestSubscriber late = TestSubscriber.connect(broker.url(), "homeassistant/device/ha-dev/+/config")) {
        assertEquals("homeassistant/device/ha-dev/a/config", late.await(WAIT).topic());
        late.assertNothingWithin(Duration.ofMillis(300)); // b's retained config is gone
      }
      assertEquals(List.of("a"), Files.readAllLines(state.resolve(HomeAssistantDiscovery.STATE_FILE)));
      try (TestSubscriber watcher = TestSubscriber.connect(broker.url(), "homeassistant/device/ha-dev/+/config")) {
        watcher.awaitTopic("homeassistant/device/ha-dev/a/config", WAIT); // retained
        run(broker.url(), HomeAssistantConfig.DISABLED, "a");
        TestSubscriber.Received removal = watcher.awaitTopic("homeassistant/device/ha-dev/a/config", WAIT);
        assertEquals(0, removal.payload().length);
      }
      assertEquals(List.of(), Files.readAllLines(state.resolve(HomeAssistantDiscovery.STATE_FILE)));
    }
  }
}
