package dev.edgeinfer.systemd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalStreamTest {
  @TempDir
  Path tmp;

  private static String devIno(Path file) throws Exception {
    return Files.getAttribute(file, "unix:dev") + ":" + Files.getAttribute(file, "unix:ino");
  }

  @Test
  void matches_theStreamSystemdNamed_isTheJournal() throws Exception {
    Path stderr = Files.createFile(tmp.resolve("stderr"));
    assertTrue(JournalStream.matches(devIno(stderr), stderr));
  }

  @Test
  void matches_anotherFile_isNot_soARedirectedChildKeepsTimestamps() throws Exception {
    Path journal = Files.createFile(tmp.resolve("journal"));
    Path stderr = Files.createFile(tmp.resolve("stderr"));
    assertFalse(JournalStream.matches(devIno(journal), stderr));
  }

  @Test
  void matches_withoutTheVariable_isNot() {
    assertFalse(JournalStream.matches(null, tmp));
    assertFalse(JournalStream.matches(" ", tmp));
  }

  @Test
  void matches_whenStderrCannotBeExamined_trustsTheVariable() {
    assertTrue(JournalStream.matches("1:2", tmp.resolve("missing")));
  }
}
