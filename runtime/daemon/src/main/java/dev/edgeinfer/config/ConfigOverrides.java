package dev.edgeinfer.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies {@code --set key.path=value} overrides to the YAML tree before validation, so an
 * override is checked exactly like the same value written in the file. The value is YAML ({@code
 * 32} is a number, {@code true} a boolean, {@code [a,b]} a list); an empty value is YAML null,
 * which unsets the key. Missing intermediate mappings are created.
 */
final class ConfigOverrides {

  private ConfigOverrides() {}

  static void apply(ObjectNode root, List<String> overrides, List<ConfigProblem> problems) {
    for (String override : overrides) {
      applyOne(root, override, problems);
    }
  }

  private static void applyOne(ObjectNode root, String override, List<ConfigProblem> problems) {
    String where = "--set " + override;
    int eq = override.indexOf('=');
    if (eq < 0) {
      problems.add(new ConfigProblem(where, "expected KEY=VALUE, e.g. mqtt.broker=tcp://127.0.0.1:1883"));
      return;
    }
    String key = override.substring(0, eq).strip();
    List<String> segments = List.of(key.split("\\.", -1));
    if (key.isEmpty() || segments.contains("")) {
      problems.add(new ConfigProblem(where, "expected KEY=VALUE with a dotted key such as device.stateDir, got key "
          + ConfigNode.quote(key)));
      return;
    }
    Optional<JsonNode> value = YamlSource.parse(override.substring(eq + 1), where, problems);
    if (value.isEmpty()) {
      return;
    }
    ObjectNode parent = root;
    List<String> walked = new ArrayList<>();
    for (String segment : segments.subList(0, segments.size() - 1)) {
      walked.add(segment);
      JsonNode next = parent.get(segment);
      if (next == null || next.isNull()) {
        parent = parent.putObject(segment);
      } else if (next.isObject()) {
        parent = (ObjectNode) next;
      } else {
        problems.add(new ConfigProblem(where, String.join(".", walked) + " is not a mapping, so it has no key "
            + ConfigNode.quote(segments.get(walked.size()))));
        return;
      }
    }
    JsonNode v = value.get().isMissingNode() ? NullNode.getInstance() : value.get();
    parent.set(segments.get(segments.size() - 1), v);
  }
}
