package dev.edgeinfer.homeassistant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgeinfer.config.PipelineConfig.OutputKind;
import dev.edgeinfer.publish.Topics;

/**
 * Home Assistant's device-based discovery message for one pipeline (Home Assistant 2024.11 and
 * later: {@code DISCOVERY_PREFIX/device/NODE/OBJECT/config} with a {@code components} map). All
 * pipelines of a device name the same {@code device.identifiers}, so Home Assistant shows them
 * under one device; each pipeline gets its own message so that removing a pipeline is one empty
 * retained payload on its topic. The sensors read the inference topic's JSON with value
 * templates: label (all scores as attributes) and score for a classifier, the first value for a
 * regressor, and precision and latency as diagnostics. Availability follows the daemon's
 * availability topic, where both {@code offline} and {@code stopped} mean unavailable.
 *
 * <p>Stateless.
 */
final class DiscoveryPayload {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private DiscoveryPayload() {}

  static String topic(String discoveryPrefix, String device, String pipeline) {
    return discoveryPrefix + "/device/" + device + "/" + pipeline + "/config";
  }

  static ObjectNode build(Topics topics, String pipeline, OutputKind output, String version) {
    String device = topics.device();
    ObjectNode root = JSON.objectNode();
    ObjectNode dev = root.putObject("device");
    dev.putArray("identifiers").add("edgeinfer_" + device);
    dev.put("name", device);
    dev.put("manufacturer", "edgeinfer");
    dev.put("model", "edgeinfer daemon");
    dev.put("sw_version", version);
    root.putObject("origin").put("name", "edgeinfer").put("sw_version", version);
    root.put("state_topic", topics.inference(pipeline));
    root.put("qos", 1);
    ObjectNode availability = root.putArray("availability").addObject();
    availability.put("topic", topics.availability());
    availability.put("value_template", "{{ 'online' if value == 'online' else 'offline' }}");
    ObjectNode components = root.putObject("components");
    String id = "edgeinfer_" + device + "_" + pipeline;
    if (output == OutputKind.CLASSIFICATION) {
      sensor(components, id + "_label", pipeline + " label", "{{ value_json.result.label }}")
          .put("json_attributes_topic", topics.inference(pipeline))
          .put("json_attributes_template", "{{ value_json.result.scores | tojson }}")
          .put("icon", "mdi:label-outline");
      sensor(components, id + "_score", pipeline + " score", "{{ value_json.result.score }}")
          .put("state_class", "measurement");
    } else {
      sensor(components, id + "_value", pipeline + " value", "{{ value_json.result.values[0] }}")
          .put("state_class", "measurement");
    }
    sensor(components, id + "_precision", pipeline + " precision", "{{ value_json.model.precision }}")
        .put("entity_category", "diagnostic");
    sensor(components, id + "_latency", pipeline + " latency", "{{ value_json.latencyMs }}")
        .put("unit_of_measurement", "ms")
        .put("state_class", "measurement")
        .put("entity_category", "diagnostic");
    return root;
  }

  private static ObjectNode sensor(ObjectNode components, String uniqueId, String name, String template) {
    return components.putObject(uniqueId)
        .put("platform", "sensor")
        .put("unique_id", uniqueId)
        .put("name", name)
        .put("value_template", template);
  }
}
