package dev.edgeinfer.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Reads YAML text into a Jackson tree, turning I/O and syntax errors into one problem each. */
final class YamlSource {

  // A repeated key is almost always a copy-paste mistake; YAML would silently keep the last one.
  private static final YAMLMapper MAPPER =
      YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private YamlSource() {}

  /** The document's tree (a {@code MissingNode} for an empty file), or empty after a problem. */
  static Optional<JsonNode> readFile(Path file, List<ConfigProblem> problems) {
    String where = file.toString();
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      problems.add(new ConfigProblem(where, "file not found"));
      return Optional.empty();
    } catch (IOException e) {
      String reason = Files.isDirectory(file) ? "is a directory, not a config file" : "cannot read: " + e;
      problems.add(new ConfigProblem(where, reason));
      return Optional.empty();
    }
    return parse(text, where, problems);
  }

  /** Parses {@code text}; a syntax error is reported at {@code where} with its line and column. */
  static Optional<JsonNode> parse(String text, String where, List<ConfigProblem> problems) {
    try {
      return Optional.of(MAPPER.readTree(text));
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String position = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
      problems.add(new ConfigProblem(where, position + "YAML syntax error: " + summary(e.getOriginalMessage())));
      return Optional.empty();
    }
  }

  /**
   * SnakeYAML's message repeats the location and draws a caret under a copy of the line; keep only
   * its sentences ("while parsing a block mapping; expected <block end>, but found ...").
   */
  private static String summary(String message) {
    return message.lines()
        .filter(line -> !line.isBlank() && !line.startsWith(" "))
        .collect(Collectors.joining("; "));
  }
}
