package dev.edgeinfer.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The contract's topic names (see CONTRACTS.md, "MQTT topics") for one device, built from the
 * topic prefix and the device id. Immutable and thread-safe.
 *
 * <p>A prefix, device id or group containing {@code +}, {@code #} or {@code /}-free rules would
 * break the topic tree, so the constructor refuses them at once (a programmer's or config
 * mistake, not network input).
 */
public final class Topics {
  private static final String CMD = "/cmd/";
  private static final String REPLY_SUFFIX = "/reply";

  private final String prefix;
  private final String device;
  private final List<String> groups;

  public Topics(String prefix, String device, List<String> groups) {
    this.prefix = checkLevel("topic prefix", prefix, true);
    this.device = checkLevel("device id", device, false);
    this.groups = List.copyOf(groups);
    for (String g : this.groups) {
      checkLevel("group", g, false);
    }
  }

  public String prefix() {
    return prefix;
  }

  public String device() {
    return device;
  }

  public List<String> groups() {
    return groups;
  }

  public String availability() {
    return base() + "/availability";
  }

  public String status() {
    return base() + "/status";
  }

  public String inference(String pipeline) {
    return base() + "/inference/" + checkLevel("pipeline", pipeline, false);
  }

  public String precisionEvent() {
    return base() + "/event/precision";
  }

  public String modelEvent() {
    return base() + "/event/model";
  }

  /** Sensor outages and recoveries: {@code PREFIX/DEVICE/event/sensor}. */
  public String sensorEvent() {
    return base() + "/event/sensor";
  }

  public String command(String name) {
    return base() + CMD + name;
  }

  /** Where a reply goes when the request named no MQTT 5 response topic. Always the device's own. */
  public String commandReply(String name) {
    return command(name) + REPLY_SUFFIX;
  }

  public String groupCommand(String group, String name) {
    return prefix + "/group/" + checkLevel("group", group, false) + CMD + name;
  }

  /** The device's command filter first, then one per group. */
  public List<String> commandFilters() {
    List<String> filters = new ArrayList<>();
    filters.add(base() + "/cmd/#");
    for (String g : groups) {
      filters.add(prefix + "/group/" + g + "/cmd/#");
    }
    return List.copyOf(filters);
  }

  /**
   * The command NAME of a received topic ({@code config/get} for {@code P/D/cmd/config/get}), or
   * empty when the topic is not one of this device's or its groups' command topics, or is a
   * reply ({@code .../reply}), or names no command.
   */
  public Optional<String> commandName(String topic) {
    String rest = stripPrefix(topic, base() + CMD);
    for (int i = 0; rest == null && i < groups.size(); i++) {
      rest = stripPrefix(topic, prefix + "/group/" + groups.get(i) + CMD);
    }
    if (rest == null || rest.isEmpty() || rest.equals("reply") || rest.endsWith(REPLY_SUFFIX)) {
      return Optional.empty();
    }
    return Optional.of(rest);
  }

  private String base() {
    return prefix + "/" + device;
  }

  private static String stripPrefix(String topic, String head) {
    return topic.startsWith(head) ? topic.substring(head.length()) : null;
  }

  private static String checkLevel(String what, String value, boolean slashAllowed) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    if (value.contains("+") || value.contains("#") || (!slashAllowed && value.contains("/"))) {
      throw new IllegalArgumentException(
          what + " \"" + value + "\" must not contain '+', '#'" + (slashAllowed ? "" : " or '/'"));
    }
    return value;
  }
}
