package dev.edgeinfer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code edgeinfer model publish}: sends a bundle to one device or a group, in {@code model/update}
 * chunks or as a URL command, then (with {@code --wait}) follows each device's progress on {@code
 * event/model}. Group commands are published retained, each chunk on its own topic {@code
 * PREFIX/group/G/cmd/model/update/chunk/N}, so a device that is offline now applies the update
 * when it connects; {@code --clear} removes them (any retained update of the group, ours or older).
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = {"Send a signed model bundle to a device or a group over MQTT, and follow its progress.",
        "Group updates are retained on the broker (offline devices apply them when they connect) until --clear."})
public final class ModelPublishCommand implements Callable<Integer> {
  static final int DEFAULT_CHUNK = 128 * 1024;
  /** Base64 grows data by 4/3; the device takes commands up to 256 KiB. */
  static final int MAX_CHUNK = 180 * 1024;
  private static final Set<String> FINAL = Set.of("committed", "rejected", "rolled_back");
  private static final long QUIET_MILLIS = 2_000;

  @Option(names = "--broker", required = true, paramLabel = "URL", description = "MQTT broker, e.g. tcp://host:1883.")
  String broker;

  static final class Target {
    @Option(names = "--device", paramLabel = "ID", description = "One device.")
    String device;

    @Option(names = "--group", paramLabel = "G", description = "Every device in group G (retained delivery).")
    String group;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  @Option(names = "--url", paramLabel = "URL", description = "Send a URL command (https://, http://, file://) instead of chunks.")
  String url;

  @Option(names = "--chunk-size", paramLabel = "BYTES", defaultValue = "" + DEFAULT_CHUNK,
      description = "Bytes of bundle per chunk (default ${DEFAULT-VALUE}, at most " + MAX_CHUNK + ").")
  int chunkSize;

  @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "0",
      description = "Follow progress until every device that answered has finished, or this many seconds.")
  int waitSeconds;

  @Option(names = "--prefix", paramLabel = "P", defaultValue = "edgeinfer", description = "Topic prefix (default ${DEFAULT-VALUE}).")
  String prefix;

  @Option(names = "--request-id", paramLabel = "ID", description = "Request id (default: a new one).")
  String requestId;

  @Option(names = "--clear", description = "With --group: remove the group's retained update commands, send nothing.")
  boolean clear;

  @Parameters(paramLabel = "BUNDLE", arity = "0..1", description = "The signed bundle (.zip); optional with --url.")
  Path bundle;

  private final ObjectMapper json = new ObjectMapper();

  @Override
  public Integer call() throws Exception {
    boolean group = target.group != null;
    if (clear) {
      if (!group) {
        throw new UsageError("--clear: only with --group (device commands are not retained)");
      }
      try (MqttSession session = MqttSession.connect(broker)) {
        int n = clearRetained(session);
        System.out.println("group " + target.group + ": cleared " + n + " retained update message(s)");
      }
      return Main.OK;
    }
    if (bundle == null && url == null) {
      throw new UsageError("BUNDLE: give the bundle file, or --url");
    }
    if (url == null && (chunkSize < 1 || chunkSize > MAX_CHUNK)) {
      throw new UsageError("--chunk-size: " + chunkSize + " is not in 1.." + MAX_CHUNK);
    }
    byte[] bytes = null;
    if (bundle != null) {
      if (!Files.isRegularFile(bundle)) {
        throw new UsageError("BUNDLE: no such file " + bundle);
      }
      bytes = Files.readAllBytes(bundle);
    }
    String id = requestId != null ? requestId : "pub-" + UUID.randomUUID().toString().substring(0, 8);
    String topic = group ? prefix + "/group/" + target.group + "/cmd/model/update"
        : prefix + "/" + target.device + "/cmd/model/update";
    try (MqttSession session = MqttSession.connect(broker)) {
      if (waitSeconds > 0) {
        session.subscribe(prefix + "/+/event/model");
      }
      if (group) {
        clearRetained(session); // an older update's chunks must not linger beside this one's
      }
      List<byte[]> messages = url != null ? List.of(urlCommand(id, bytes)) : chunks(id, bytes);
      for (int i = 0; i < messages.size(); i++) {
        String t = url == null && group ? topic + "/chunk/" + i : topic;
        session.publish(t, messages.get(i), group);
      }
      System.out.println("request " + id + ": sent " + (url != null ? "url " + url : messages.size() + " chunk(s)")
          + " to " + (group ? "group " + target.group + " (retained)" : "device " + target.device));
      return waitSeconds > 0 ? follow(session, id) : Main.OK;
    }
  }

  private byte[] urlCommand(String id, byte[] bytes) throws Exception {
    ObjectNode o = json.createObjectNode().put("requestId", id).put("url", url);
    if (bytes != null) {
      o.put("sha256", sha256(bytes)).put("size", bytes.length);
    }
    return json.writeValueAsBytes(o);
  }

  private List<byte[]> chunks(String id, byte[] bytes) throws Exception {
    String sha = sha256(bytes);
    int of = Math.max(1, (bytes.length + chunkSize - 1) / chunkSize);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < of; i++) {
      int from = i * chunkSize;
      byte[] part = java.util.Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + chunkSize));
      out.add(json.writeValueAsBytes(json.createObjectNode().put("requestId", id).put("chunk", i).put("of", of)
          .put("sha256", sha).put("data", Base64.getEncoder().encodeToString(part)).put("chunkSha256", sha256(part))));
    }
    return out;
  }

  /** Empties every retained message under the group's model/update topic; returns how many. */
  private int clearRetained(MqttSession session) throws Exception {
    String base = prefix + "/group/" + target.group + "/cmd/model/update";
    try (MqttSession probe = MqttSession.connect(broker)) {
      probe.subscribe(base);
      probe.subscribe(base + "/#");
      List<String> topics = new ArrayList<>();
      MqttSession.Message m;
      // Retained messages arrive right after the subscription; a short quiet spell means that was all.
      while ((m = probe.poll(500)) != null) {
        if (m.retained() && m.payload().length > 0 && !topics.contains(m.topic())) {
          topics.add(m.topic());
        }
      }
      for (String t : topics) {
        session.publish(t, new byte[0], true);
      }
      return topics.size();
    }
  }

  /** Prints each device's events for {@code id}; exit 1 when one was rejected or rolled back, or none finished. */
  private int follow(MqttSession session, String id) throws Exception {
    Map<String, String> states = new LinkedHashMap<>();
    long deadline = System.currentTimeMillis() + waitSeconds * 1000L;
    long lastEvent = System.currentTimeMillis();
    while (System.currentTimeMillis() < deadline) {
      boolean allFinal = !states.isEmpty() && states.values().stream().allMatch(FINAL::contains);
      if (allFinal && (target.device != null || System.currentTimeMillis() - lastEvent > QUIET_MILLIS)) {
        break;
      }
      MqttSession.Message m = session.poll(Math.min(200, deadline - System.currentTimeMillis()));
      if (m == null) {
        continue;
      }
      String[] levels = m.topic().split("/");
      String device = levels.length >= 3 ? levels[levels.length - 3] : "?";
      if (target.device != null && !device.equals(target.device)) {
        continue;
      }
      JsonNode e;
      try {
        e = json.readTree(m.payload());
      } catch (Exception bad) {
        continue;
      }
      if (!id.equals(e.path("requestId").asText(null))) {
        continue;
      }
      lastEvent = System.currentTimeMillis();
      String state = e.path("state").asText();
      states.put(device, state);
      StringBuilder line = new StringBuilder(device).append(": ").append(state);
      if (!e.path("version").isNull() && e.has("version")) {
        line.append(" (").append(e.path("model").asText()).append(' ').append(e.path("version").asText()).append(')');
      }
      if (e.hasNonNull("reason")) {
        line.append(" [").append(e.get("reason").asText()).append(']');
      }
      if (e.hasNonNull("error")) {
        line.append(": ").append(e.get("error").asText());
      }
      System.out.println(line);
    }
    long bad = states.values().stream().filter(s -> s.equals("rejected") || s.equals("rolled_back")).count();
    long unfinished = states.values().stream().filter(s -> !FINAL.contains(s)).count();
    System.out.println("request " + id + ": " + states.size() + " device(s) answered, "
        + states.values().stream().filter("committed"::equals).count() + " committed, " + bad
        + " rejected or rolled back, " + unfinished + " unfinished");
    if (states.isEmpty()) {
      System.err.println("no device reported progress within " + waitSeconds + " s");
      return Main.FAILURE;
    }
    return bad > 0 || unfinished > 0 ? Main.FAILURE : Main.OK;
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }
}
