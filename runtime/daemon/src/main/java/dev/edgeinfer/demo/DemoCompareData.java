package dev.edgeinfer.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code vibration_heldout.csv}: labelled windows the demo model never saw (the held-out
 * seed), as the DATA of {@code edgeinfer model compare}: a header {@code x_band0 ... z_band7,label},
 * then one row of 24 log band energies (axis-major, as the demo pipeline computes them) and the
 * machine state per window. Seeded, so the file comes out the same on every machine; a test holds
 * the committed copy to that.
 */
public final class DemoCompareData {
  public static final String FILE = "vibration_heldout.csv";
  /** Two passes through the four states: about 200 windows, enough for agreement to mean something. */
  static final int CYCLES = 2;

  private DemoCompareData() {}

  public static Path write(Path dir) throws IOException {
    LabelledWindows data = DemoDataset.generate(DemoModelGenerator.HELD_OUT_SEED, CYCLES);
    StringBuilder csv = new StringBuilder();
    int bands = DemoDataset.PREPROCESSING.bands();
    for (String axis : List.of("x", "y", "z")) {
      for (int b = 0; b < bands; b++) {
        csv.append(axis).append("_band").append(b).append(',');
      }
    }
    csv.append("label\n");
    for (int i = 0; i < data.size(); i++) {
      for (float f : data.features()[i]) {
        csv.append(f).append(',');
      }
      csv.append(DemoDataset.STATES.get(data.labels()[i]).configName()).append('\n');
    }
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve(FILE), csv, StandardCharsets.UTF_8);
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: DemoCompareData OUTPUT_DIR");
      System.exit(2);
    }
    System.out.println("wrote " + write(Path.of(args[0])));
  }
}
