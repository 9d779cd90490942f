package dev.edgeinfer.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A cursor on one mapping of the YAML tree: it knows its key path, reads typed values from its
 * keys, and records every problem in a shared list instead of throwing, so one load reports all
 * mistakes. Readers get a usable fallback (the default, or a placeholder) after a problem and go
 * on; the loader throws at the end when the list is not empty.
 *
 * <p>An absent node (a missing section) reads defaults and reports nothing: its own absence has
 * already been reported once, and "device.id: required key is missing" under a missing {@code
 * device} would only repeat it. YAML {@code null} ({@code key:} with no value) counts as absent.
 *
 * <p>Not thread-safe; one load uses it from one thread.
 */
final class ConfigNode {

  /** Names that end up in MQTT topics: no separators, wildcards or spaces. */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

  private final JsonNode node;
  private final String path;
  private final Path baseDir;
  private final List<ConfigProblem> problems;

  private ConfigNode(JsonNode node, String path, Path baseDir, List<ConfigProblem> problems) {
    this.node = node;
    this.path = path;
    this.baseDir = baseDir;
    this.problems = problems;
  }

  /** The top of the document; relative paths in it resolve against {@code baseDir}. */
  static ConfigNode root(JsonNode mapping, Path baseDir, List<ConfigProblem> problems) {
    return new ConfigNode(mapping, "", baseDir, problems);
  }

  String path() {
    return path;
  }

  boolean isPresent() {
    return node != null;
  }

  String keyPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  void problem(String key, String message) {
    problems.add(new ConfigProblem(keyPath(key), message));
  }

  void problemAt(String fullPath, String message) {
    problems.add(new ConfigProblem(fullPath, message));
  }

  /** Reports each key not in {@code known}, naming the ones that are. */
  void allowOnly(List<String> known) {
    if (node == null) {
      return;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        problem(key, "unknown key (known: " + String.join(", ", known) + ")");
      }
    }
  }

  /** The keys of this mapping in file order (also the names of models, sensors, pipelines). */
  Set<String> keys() {
    Set<String> keys = new java.util.LinkedHashSet<>();
    if (node != null) {
      node.fieldNames().forEachRemaining(keys::add);
    }
    return keys;
  }

  boolean has(String key) {
    return value(key) != null;
  }

  /** A nested mapping; an absent node when missing or of the wrong type (reported). */
  ConfigNode mapping(String key, boolean required) {
    JsonNode v = value(key);
    if (v == null) {
      if (required) {
        missing(key);
      }
      return new ConfigNode(null, keyPath(key), baseDir, problems);
    }
    if (!v.isObject()) {
      problem(key, expected("a mapping", v));
      return new ConfigNode(null, keyPath(key), baseDir, problems);
    }
    return new ConfigNode(v, keyPath(key), baseDir, problems);
  }

  /**
   * The entries of a mapping of named things ({@code models}, {@code sensors}, {@code
   * pipelines}): each name must be a {@link #NAME}, each value a mapping. Bad entries are reported
   * and left out.
   */
  Map<String, ConfigNode> namedEntries() {
    Map<String, ConfigNode> entries = new LinkedHashMap<>();
    if (node == null) {
      return entries;
    }
    for (String name : keys()) {
      String complaint = checkName(name);
      if (complaint != null) {
        problem(name, complaint);
        continue;
      }
      ConfigNode entry = mapping(name, false);
      if (entry.isPresent()) {
        entries.put(name, entry);
      } else if (value(name) == null) {
        problem(name, expected("a mapping", node.get(name)));
      }
    }
    return entries;
  }

  /** Empty when missing or not a string; either way the problem has been reported. */
  Optional<String> requiredString(String key) {
    if (!has(key)) {
      missing(key);
      return Optional.empty();
    }
    return string(key);
  }

  Optional<String> string(String key) {
    JsonNode v = value(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!v.isTextual()) {
      problem(key, expected("a string", v));
      return Optional.empty();
    }
    return Optional.of(v.textValue());
  }

  /** A string where YAML users naturally write a number ({@code version: 3}). */
  Optional<String> stringOrNumber(String key) {
    JsonNode v = value(key);
    if (v != null && v.isNumber()) {
      return Optional.of(v.asText());
    }
    return string(key);
  }

  int integer(String key, int defaultValue, int min, int max) {
    JsonNode v = value(key);
    if (v == null) {
      return defaultValue;
    }
    if (!v.isIntegralNumber()) {
      problem(key, expected(v.isNumber() ? "an integer" : "a number", v));
      return defaultValue;
    }
    if (!v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
      problem(key, Ranges.integerMessage(min, max, v));
      return defaultValue;
    }
    return v.intValue();
  }

  long longInteger(String key, long defaultValue) {
    JsonNode v = value(key);
    if (v == null) {
      return defaultValue;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      problem(key, v.isIntegralNumber() ? "must fit in 64 bits, got " + v : expected("an integer", v));
      return defaultValue;
    }
    return v.longValue();
  }

  /** A number in {@code (0, max]}: rates and durations, where zero makes no sense. */
  double positive(String key, double defaultValue, double max) {
    JsonNode v = value(key);
    if (v == null) {
      return defaultValue;
    }
    if (!v.isNumber()) {
      problem(key, expected("a number", v));
      return defaultValue;
    }
    double d = v.doubleValue();
    if (!(d > 0)) {
      problem(key, "must be > 0, got " + v);
      return defaultValue;
    }
    if (d > max) {
      problem(key, "must be <= " + Ranges.plain(max) + ", got " + v);
      return defaultValue;
    }
    return d;
  }

  /** A number in {@code [min, max]}: fractions, temperatures, durations where zero is allowed. */
  double number(String key, double defaultValue, double min, double max) {
    JsonNode v = value(key);
    if (v == null) {
      return defaultValue;
    }
    if (!v.isNumber()) {
      problem(key, expected("a number", v));
      return defaultValue;
    }
    double d = v.doubleValue();
    if (!(d >= min)) {
      problem(key, "must be >= " + Ranges.plain(min) + ", got " + v);
      return defaultValue;
    }
    if (d > max) {
      problem(key, "must be <= " + Ranges.plain(max) + ", got " + v);
      return defaultValue;
    }
    return d;
  }

  boolean bool(String key, boolean defaultValue) {
    JsonNode v = value(key);
    if (v == null) {
      return defaultValue;
    }
    if (!v.isBoolean()) {
      problem(key, expected("true or false", v));
      return defaultValue;
    }
    return v.booleanValue();
  }

  /**
   * A list of strings, each passed to {@code check} (which returns a problem message or null);
   * problems are reported by index, e.g. {@code device.groups[2]}.
   */
  List<String> strings(String key, List<String> defaultValue, Function<String, String> check) {
    JsonNode v = value(key);
    if (v == null) {
      return defaultValue;
    }
    if (!v.isArray()) {
      problem(key, expected("a list", v));
      return defaultValue;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      String itemPath = keyPath(key) + "[" + i + "]";
      if (!item.isTextual()) {
        problemAt(itemPath, expected("a string", item));
        continue;
      }
      String complaint = check.apply(item.textValue());
      if (complaint != null) {
        problemAt(itemPath, complaint);
      }
      out.add(item.textValue());
    }
    return out;
  }

  /**
   * A list of mappings ({@code pipelines.P.actions}), each as a node whose path is {@code key[i]};
   * items that are not mappings are reported and left out.
   */
  List<ConfigNode> mappings(String key) {
    JsonNode v = value(key);
    List<ConfigNode> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    if (!v.isArray()) {
      problem(key, expected("a list", v));
      return out;
    }
    for (int i = 0; i < v.size(); i++) {
      String itemPath = keyPath(key) + "[" + i + "]";
      if (!v.get(i).isObject()) {
        problemAt(itemPath, expected("a mapping", v.get(i)));
        continue;
      }
      out.add(new ConfigNode(v.get(i), itemPath, baseDir, problems));
    }
    return out;
  }

  /** The number of items when {@code key} is a list, else -1. */
  int listSize(String key) {
    JsonNode v = value(key);
    return v != null && v.isArray() ? v.size() : -1;
  }

  /** A list of integers in {@code [min, max]}, each checked and reported by index; no duplicates. */
  List<Integer> integers(String key, List<Integer> defaultValue, int min, int max) {
    JsonNode v = value(key);
    if (v == null) {
      return defaultValue;
    }
    if (!v.isArray()) {
      problem(key, expected("a list", v));
      return defaultValue;
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode item = v.get(i);
      String itemPath = keyPath(key) + "[" + i + "]";
      if (!item.isIntegralNumber()) {
        problemAt(itemPath, expected("an integer", item));
      } else if (!item.canConvertToLong() || item.longValue() < min || item.longValue() > max) {
        problemAt(itemPath, Ranges.integerMessage(min, max, item));
      } else if (out.contains(item.intValue())) {
        problemAt(itemPath, item.intValue() + " is listed twice");
      } else {
        out.add(item.intValue());
      }
    }
    return out;
  }

  /** Null when {@code value} is a {@link #NAME}, else the message saying so. */
  static String checkName(String value) {
    return NAME.matcher(value).matches()
        ? null
        : "must match " + NAME.pattern() + " (it is part of MQTT topics), got " + quote(value);
  }

  /** One of an enum's config names, e.g. {@code remove-mean}. */
  <E extends Enum<E>> E choice(String key, E defaultValue, Function<E, String> configName) {
    Optional<String> text = string(key);
    if (text.isEmpty()) {
      return defaultValue;
    }
    E[] values = defaultValue.getDeclaringClass().getEnumConstants();
    List<String> names = new ArrayList<>();
    for (E e : values) {
      if (configName.apply(e).equals(text.get())) {
        return e;
      }
      names.add(configName.apply(e));
    }
    problem(key, "must be one of " + String.join(", ", names) + ", got " + quote(text.get()));
    return defaultValue;
  }

  /** A path, resolved against the config file's folder; not checked on disk (e.g. stateDir). */
  Optional<Path> path(String key) {
    return string(key).map(s -> baseDir.resolve(s).normalize());
  }

  /** A path to a file that must exist now. */
  Optional<Path> file(String key) {
    Optional<Path> p = path(key);
    if (p.isPresent() && !Files.isRegularFile(p.get())) {
      problem(key, (Files.isDirectory(p.get()) ? "not a file: " : "file not found: ") + p.get());
    }
    return p;
  }

  /** A list of paths to files that must exist now, resolved against the config file's folder; reported by index. */
  List<Path> files(String key) {
    List<String> names = strings(key, List.of(), v -> v.isBlank() ? "must not be empty" : null);
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).isBlank()) {
        continue;
      }
      Path p = baseDir.resolve(names.get(i)).normalize();
      if (!Files.isRegularFile(p)) {
        problemAt(keyPath(key) + "[" + i + "]", (Files.isDirectory(p) ? "not a file: " : "file not found: ") + p);
      }
      out.add(p);
    }
    return out;
  }

  Path requiredFile(String key) {
    if (!has(key)) {
      missing(key);
      return baseDir;
    }
    return file(key).orElse(baseDir);
  }

  private void missing(String key) {
    if (node != null) {
      problem(key, "required key is missing");
    }
  }

  private JsonNode value(String key) {
    if (node == null) {
      return null;
    }
    JsonNode v = node.get(key);
    return v == null || v.isNull() ? null : v;
  }

  static String expected(String what, JsonNode got) {
    return "expected " + what + ", got " + describe(got);
  }

  /** How a value reads in a message: strings quoted, so {@code "3"} and {@code 3} differ. */
  static String describe(JsonNode v) {
    if (v.isObject()) {
      return "a mapping";
    }
    if (v.isArray()) {
      return "a list";
    }
    return v.toString();
  }

  static String quote(String s) {
    return com.fasterxml.jackson.databind.node.TextNode.valueOf(s).toString();
  }
}
