package dev.edgeinfer.policy;

import dev.edgeinfer.policy.PowerReading.Supply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Mains or battery from a small text file that another program keeps current (a UPS HAT's own
 * daemon, a cron job reading an I2C fuel gauge): the first line that is neither blank nor a
 * {@code #} comment is {@code mains}, {@code battery}, or either followed by the battery
 * percentage, e.g. {@code battery 42}. Anything else is an error naming the file and the line.
 */
public final class FilePowerSource implements PowerSource {
  /** A power file is one short line; more than this is not one. */
  static final long MAX_BYTES = 4096;
  private final Path file;

  public FilePowerSource(Path file) {
    this.file = file;
  }

  @Override
  public PowerReading read() throws IOException {
    if (Files.size(file) > MAX_BYTES) {
      throw new IOException(file + ": larger than " + MAX_BYTES + " bytes; expected one line such as \"battery 42\"");
    }
    for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      return parse(line);
    }
    throw new IOException(file + ": empty; expected mains, battery, or either followed by a percentage");
  }

  private PowerReading parse(String line) throws IOException {
    String[] words = line.split("\\s+");
    Supply supply = switch (words[0].toLowerCase(java.util.Locale.ROOT)) {
      case "mains" -> Supply.MAINS;
      case "battery" -> Supply.BATTERY;
      default -> null;
    };
    if (supply == null || words.length > 2) {
      throw new IOException(file + ": expected mains, battery, or either followed by a percentage, got \"" + line + "\"");
    }
    OptionalInt percent = OptionalInt.empty();
    if (words.length == 2) {
      String p = words[1].endsWith("%") ? words[1].substring(0, words[1].length() - 1) : words[1];
      try {
        int v = Integer.parseInt(p);
        if (v < 0 || v > 100) {
          throw new NumberFormatException();
        }
        percent = OptionalInt.of(v);
      } catch (NumberFormatException e) {
        throw new IOException(file + ": battery percentage must be 0 to 100, got \"" + words[1] + "\"");
      }
    }
    return new PowerReading(supply, percent, file.getFileName() + ": " + line);
  }
}
