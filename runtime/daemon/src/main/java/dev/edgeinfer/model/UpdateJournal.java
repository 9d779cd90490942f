package dev.edgeinfer.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link PendingUpdate} as the small JSON file {@code models/NAME/pending}, always replaced atomically. */
final class UpdateJournal {
  private static final ObjectMapper JSON = new ObjectMapper();

  private UpdateJournal() {}

  static void write(Path file, PendingUpdate p, CrashPoint crash) throws IOException {
    ObjectNode o = JSON.createObjectNode()
        .put("version", p.version())
        .put("requestId", p.requestId())
        .put("state", p.state().jsonName());
    p.restoreActive().ifPresent(v -> o.put("restoreActive", v));
    p.restorePrevious().ifPresent(v -> o.put("restorePrevious", v));
    p.restoreHistory().forEach(o.putArray("restoreHistory")::add);
    o.put("versionExisted", p.versionExisted());
    StoreFiles.writeAtomically(file, o.toString() + "\n", crash);
  }

  /**
   * The journal, or empty when there is none. A journal is only ever replaced whole, so an
   * unreadable one means damage on disk: reported as an IOException naming the file.
   */
  static Optional<PendingUpdate> read(Path file) throws IOException {
    String text = StoreFiles.readOrNull(file);
    if (text == null) {
      return Optional.empty();
    }
    try {
      JsonNode o = JSON.readTree(text);
      List<String> history = new ArrayList<>();
      if (o.has("restoreHistory")) {
        o.get("restoreHistory").forEach(v -> history.add(v.textValue()));
      }
      return Optional.of(new PendingUpdate(
          o.get("version").textValue(),
          o.get("requestId").textValue(),
          JournalState.fromJsonName(o.get("state").textValue()),
          Optional.ofNullable(o.get("restoreActive")).map(JsonNode::textValue),
          Optional.ofNullable(o.get("restorePrevious")).map(JsonNode::textValue),
          history,
          o.path("versionExisted").asBoolean(false)));
    } catch (RuntimeException | IOException e) {
      throw new IOException(file + ": damaged update journal: " + e.getMessage(), e);
    }
  }

}
