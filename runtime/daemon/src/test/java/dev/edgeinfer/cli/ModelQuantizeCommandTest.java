package dev.edgeinfer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.demo.DemoDataset;
import dev.edgeinfer.demo.DemoModelGenerator;
import dev.edgeinfer.testing.CliRun;
import dev.edgeinfer.testing.DemoModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelQuantizeCommandTest {

  @TempDir
  Path dir;

  /**
   * The committed INT8 demo model was made by quantizing the FP32 one on its training features in
   * memory; going through the files (the FP32 .tflite read back, the features as CSV) must give
   * the same bytes, which pins both the importer and the command to the in-memory path.
   */
  @Test
  void quantizingTheDemoFp32FileOnItsTrainingFeaturesReproducesTheCommittedInt8File() throws IOException {
    Path csv = featuresCsv(DemoDataset.generate(DemoModelGenerator.TRAIN_SEED, DemoModelGenerator.TRAIN_CYCLES).features());
    Path out = dir.resolve("out/vibration_int8.tflite");

    CliRun run = CliRun.of("model", "quantize", "--calibration", csv.toString(), "-o", out.toString(),
        DemoModels.fp32().toString());

    assertEquals(0, run.exitCode(), run.err());
    assertArrayEquals(Files.readAllBytes(DemoModels.int8()), Files.readAllBytes(out));
    assertTrue(run.out().contains("top-1 agreement 100.0%"), run.out());
  }

  @Test
  void anInt8ModelIsRefusedAsInputWithTheTensorNamed() throws IOException {
    Path csv = featuresCsv(new float[][] {new float[24]});
    CliRun run = CliRun.of("model", "quantize", "--calibration", csv.toString(), "-o", dir.resolve("x.tflite").toString(),
        DemoModels.int8().toString());

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("the input must be an FP32 model"), run.err());
    assertTrue(Files.notExists(dir.resolve("x.tflite")));
  }

  @Test
  void calibrationRowsOfTheWrongWidthAreRefused() throws IOException {
    Path csv = featuresCsv(new float[][] {new float[5]});
    CliRun run = CliRun.of("model", "quantize", "--calibration", csv.toString(), "-o", dir.resolve("x.tflite").toString(),
        DemoModels.fp32().toString());

    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("rows have 5 values but"), run.err());
  }

  private Path featuresCsv(float[][] rows) throws IOException {
    StringBuilder sb = new StringBuilder();
    StringJoiner header = new StringJoiner(",");
    for (int i = 0; i < rows[0].length; i++) {
      header.add("f" + i);
    }
    sb.append(header).append('\n');
    for (float[] row : rows) {
      StringJoiner line = new StringJoiner(",");
      for (float v : row) {
        line.add(Float.toString(v));
      }
      sb.append(line).append('\n');
    }
    Path csv = dir.resolve("features.csv");
    Files.writeString(csv, sb, StandardCharsets.UTF_8);
    return csv;
  }
}
