package dev.edgeinfer.policy;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The DATA of {@code model compare}: a CSV of feature vectors, one model input per row.
 * <ul>
 *   <li>UTF-8; the first line that is not blank or a {@code #} comment is the header; then one
 *       row per line (blank and {@code #} lines skipped);
 *   <li>every column is a feature, in the order of the model's input tensor (row-major), except
 *       an optional column named {@code label}: a class name from the labels file, or a class
 *       index counting from 0; when the column is there every row needs a label;
 *   <li>values are decimal numbers as the pipeline's preprocessing would produce them (for the
 *       demo model, the 24 log band energies; INT8 models get them quantized as the daemon does).
 * </ul>
 * Read within limits ({@link #MAX_ROWS}, {@link #MAX_COLUMNS}); every fault names its line and
 * column.
 */
public record CompareData(Path file, List<float[]> features, Optional<int[]> labels) {
  static final int MAX_ROWS = 1_000_000;
  static final int MAX_COLUMNS = 1 << 20;

  /** A DATA file that cannot be used; the message names the file, line and column. */
  public static final class DataException extends Exception {
    DataException(String message) {
      super(message);
    }
  }

  public int rows() {
    return features.size();
  }

  /**
   * @param labelNames the model's labels in output order (may be empty: then labels must be indices)
   * @param classes how many classes the model outputs (label indices must be below it)
   */
  public static CompareData read(Path file, List<String> labelNames, int classes) throws IOException, DataException {
    List<float[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    int labelColumn = -1;
    int featureCount = -1;
    int lineNo = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        lineNo++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        String[] cells = trimmed.split(",", -1);
        if (cells.length > MAX_COLUMNS) {
          throw new DataException(where(file, lineNo) + "more than " + MAX_COLUMNS + " columns");
        }
        if (featureCount < 0) {
          for (int c = 0; c < cells.length; c++) {
            if (cells[c].strip().equals("label")) {
              if (labelColumn >= 0) {
                throw new DataException(where(file, lineNo) + "two columns named label");
              }
              labelColumn = c;
            }
          }
          featureCount = cells.length - (labelColumn >= 0 ? 1 : 0);
          if (featureCount == 0) {
            throw new DataException(where(file, lineNo) + "the header names no feature column");
          }
          continue;
        }
        if (cells.length != featureCount + (labelColumn >= 0 ? 1 : 0)) {
          throw new DataException(where(file, lineNo) + cells.length + " columns, but the header has "
              + (featureCount + (labelColumn >= 0 ? 1 : 0)));
        }
        if (rows.size() == MAX_ROWS) {
          throw new DataException(where(file, lineNo) + "more than " + MAX_ROWS + " rows");
        }
        float[] f = new float[featureCount];
        int k = 0;
        for (int c = 0; c < cells.length; c++) {
          String cell = cells[c].strip();
          if (c == labelColumn) {
            labels.add(label(file, lineNo, c, cell, labelNames, classes));
            continue;
          }
          try {
            f[k] = Float.parseFloat(cell);
          } catch (NumberFormatException e) {
            throw new DataException(where(file, lineNo) + "column " + (c + 1) + ": not a number: \"" + cell + "\"");
          }
          if (!Float.isFinite(f[k])) {
            throw new DataException(where(file, lineNo) + "column " + (c + 1) + ": not a finite number: \"" + cell + "\"");
          }
          k++;
        }
        rows.add(f);
      }
    }
    if (rows.isEmpty()) {
      throw new DataException(file + ": no data rows (a header line, then one feature vector per line)");
    }
    return new CompareData(file, List.copyOf(rows),
        labelColumn < 0 ? Optional.empty() : Optional.of(labels.stream().mapToInt(Integer::intValue).toArray()));
  }

  private static int label(Path file, int lineNo, int column, String cell, List<String> names, int classes)
      throws DataException {
    int byName = names.indexOf(cell);
    if (byName >= 0) {
      return byName;
    }
    try {
      int index = Integer.parseInt(cell);
      if (index >= 0 && index < classes) {
        return index;
      }
    } catch (NumberFormatException e) {
      // not an index either: reported below
    }
    throw new DataException(where(file, lineNo) + "column " + (column + 1) + ": label \"" + cell + "\" is "
        + (names.isEmpty() ? "not a class index 0 to " + (classes - 1) + " (give --labels to use names)"
            : "neither a label (" + String.join(", ", names) + ") nor a class index 0 to " + (classes - 1)));
  }

  private static String where(Path file, int line) {
    return file + ": line " + line + ": ";
  }
}
