package dev.edgeinfer.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * MQTT username and password read from {@code mqtt.credentialsFile}: line 1 the user, line 2
 * the password (kept out of the config so the config can be shared and shown by
 * {@code config/get}). Immutable.
 */
record Credentials(String username, byte[] password) {

  static Credentials read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty() || lines.get(0).isBlank()) {
      throw new IOException(file + ": line 1 must hold the MQTT username (line 2 the password)");
    }
    String password = lines.size() > 1 ? lines.get(1) : "";
    return new Credentials(lines.get(0).strip(), password.getBytes(StandardCharsets.UTF_8));
  }
}
