package dev.edgeinfer.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareDataTest {
  private static final List<String> LABELS = List.of("idle", "normal", "imbalance", "bearing_wear");
  @TempDir Path dir;

  private CompareData read(String csv, List<String> labels) throws Exception {
    return CompareData.read(Files.writeString(dir.resolve("d.csv"), csv), labels, 4);
  }

  private String error(String csv) throws Exception {
    Path f = Files.writeString(dir.resolve("d.csv"), csv);
    return assertThrows(CompareData.DataException.class, () -> CompareData.read(f, LABELS, 4)).getMessage();
  }

  @Test
  void read_labelAnywhere_namesOrIndices_commentsAndBlankLinesSkipped() throws Exception {
    CompareData d = read("# features\nlabel,a,b\n\nnormal,1.5,-2\n3, 0.25 ,1e-3\n# end\n", LABELS);
    assertEquals(2, d.rows());
    assertArrayEquals(new float[] {1.5f, -2f}, d.features().get(0));
    assertArrayEquals(new float[] {0.25f, 0.001f}, d.features().get(1));
    assertArrayEquals(new int[] {1, 3}, d.labels().orElseThrow());
  }

  @Test
  void read_withoutLabelColumn_hasNoLabels() throws Exception {
    assertEquals(Optional.empty(), read("a,b\n1,2\n", LABELS).labels());
  }

  @Test
  void read_faults_nameLineAndColumn() throws Exception {
    Path f = dir.resolve("d.csv");
    assertEquals(f + ": line 2: column 2: not a number: \"x\"", error("a,b\n1,x\n"));
    assertEquals(f + ": line 3: 3 columns, but the header has 2", error("a,b\n1,2\n1,2,3\n"));
    assertEquals(f + ": line 2: column 1: not a finite number: \"NaN\"", error("a\nNaN\n"));
    assertEquals(f + ": line 2: column 2: label \"7\" is neither a label (idle, normal, imbalance, bearing_wear) "
        + "nor a class index 0 to 3", error("a,label\n1,7\n"));
    assertEquals(f + ": line 1: two columns named label", error("label,a,label\n"));
    assertEquals(f + ": line 1: the header names no feature column", error("label\n"));
    assertEquals(f + ": no data rows (a header line, then one feature vector per line)", error("a,b\n"));
  }

  @Test
  void read_labelNamesWithoutLabelsFile_sayHowToUseThem() throws Exception {
    Path f = Files.writeString(dir.resolve("d.csv"), "a,label\n1,idle\n");
    assertEquals(f + ": line 2: column 2: label \"idle\" is not a class index 0 to 3 (give --labels to use names)",
        assertThrows(CompareData.DataException.class, () -> CompareData.read(f, List.of(), 4)).getMessage());
  }
}
