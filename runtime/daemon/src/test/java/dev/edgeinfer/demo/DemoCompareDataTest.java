package dev.edgeinfer.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCompareDataTest {

  @Test
  void write_inTempDir_matchesTheCommittedFileByteForByte(@TempDir Path dir) throws Exception {
    Path written = DemoCompareData.write(dir);
    assertArrayEquals(Files.readAllBytes(RepoRoot.models().resolve(DemoCompareData.FILE)), Files.readAllBytes(written),
        DemoCompareData.FILE + " differs from the committed copy; rerun DemoCompareData into device-config/models if "
            + "the change is intended");
  }
}
