package dev.edgeinfer.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Reads the {@code device} section. */
final class DeviceReader {

  private static final List<String> KEYS = List.of("id", "groups", "stateDir");

  private DeviceReader() {}

  static DeviceConfig read(ConfigNode device, Supplier<Path> defaultStateDir) {
    device.allowOnly(KEYS);
    // The id and the groups become MQTT topic levels, where / + # would change a topic's meaning.
    Optional<String> id = device.requiredString("id");
    id.map(ConfigNode::checkName).ifPresent(complaint -> device.problem("id", complaint));
    List<String> groups = device.strings("groups", List.of(), ConfigNode::checkName);
    // Only computed when needed: the default looks at the environment and the file system.
    Path stateDir = device.path("stateDir").orElseGet(defaultStateDir);
    return new DeviceConfig(id.orElse(""), groups, stateDir);
  }
}
