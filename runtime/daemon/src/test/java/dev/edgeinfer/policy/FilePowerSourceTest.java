package dev.edgeinfer.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.edgeinfer.policy.PowerReading.Supply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePowerSourceTest {
  @TempDir Path dir;

  private PowerReading read(String content) throws IOException {
    Path f = Files.writeString(dir.resolve("power"), content);
    return new FilePowerSource(f).read();
  }

  private String error(String content) throws IOException {
    Path f = Files.writeString(dir.resolve("power"), content);
    return assertThrows(IOException.class, () -> new FilePowerSource(f).read()).getMessage();
  }

  @Test
  void read_mains_isMainsWithoutCharge() throws IOException {
    assertEquals(new PowerReading(Supply.MAINS, OptionalInt.empty(), "power: mains"), read("mains\n"));
  }

  @Test
  void read_batteryWithPercent_afterCommentsAndBlankLines() throws IOException {
    assertEquals(new PowerReading(Supply.BATTERY, OptionalInt.of(42), "power: battery 42"),
        read("# written by upsd\n\n  battery 42  \n"));
  }

  @Test
  void read_percentSign_isAccepted() throws IOException {
    assertEquals(OptionalInt.of(7), read("Battery 7%").batteryPercent());
  }

  @Test
  void read_unknownWord_saysWhatWasExpected() throws IOException {
    assertEquals(dir.resolve("power") + ": expected mains, battery, or either followed by a percentage, got \"solar\"",
        error("solar\n"));
  }

  @Test
  void read_percentOutOfRange_isRefused() throws IOException {
    assertEquals(dir.resolve("power") + ": battery percentage must be 0 to 100, got \"140\"", error("battery 140"));
  }

  @Test
  void read_empty_isRefused() throws IOException {
    assertEquals(dir.resolve("power") + ": empty; expected mains, battery, or either followed by a percentage",
        error("# nothing yet\n"));
  }

  @Test
  void read_tooLarge_isRefusedWithoutParsing() throws IOException {
    assertEquals(dir.resolve("power") + ": larger than 4096 bytes; expected one line such as \"battery 42\"",
        error("x".repeat(5000)));
  }

  @Test
  void read_missingFile_throws() {
    assertThrows(IOException.class, () -> new FilePowerSource(dir.resolve("absent")).read());
  }
}
