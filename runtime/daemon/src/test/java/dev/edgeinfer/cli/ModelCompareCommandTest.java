package dev.edgeinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.engine.Engines;
import dev.edgeinfer.engine.InferenceEngine;
import dev.edgeinfer.engine.TensorInfo;
import dev.edgeinfer.testing.CliRun;
import dev.edgeinfer.testing.DegradedInt8Model;
import dev.edgeinfer.testing.DemoModels;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code model compare} on the demo pair (and on a degraded INT8 twin, where the models disagree
 * often), its agreement, difference and accuracy checked against a count made here with the
 * engines driven directly: our own CSV split, our own input quantization, argmax on raw outputs.
 */
class ModelCompareCommandTest {
  private static final List<String> LABELS = List.of("idle", "normal", "imbalance", "bearing_wear");
  private final ObjectMapper json = new ObjectMapper();

  /** What the test counts by itself. */
  private record Count(int rows, int agree, int int8Correct, int fp32Correct, double meanAbsDiff) {}

  private static Count independentCount(Path int8File, Path fp32File) throws Exception {
    List<String> lines = Files.readAllLines(DemoModels.heldOut());
    int rows = 0;
    int agree = 0;
    int int8Correct = 0;
    int fp32Correct = 0;
    double diff = 0;
    long outputs = 0;
    Engines.Options native1 = Engines.Options.of(EngineKind.TFLITE, 1);
    try (InferenceEngine i8 = Engines.open(int8File, native1); InferenceEngine f32 = Engines.open(fp32File, native1)) {
      TensorInfo in = i8.inputs().get(0);
      TensorInfo out = i8.outputs().get(0);
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split(",");
        int label = LABELS.indexOf(cells[cells.length - 1]);
        ByteBuffer a = i8.input(0);
        ByteBuffer b = f32.input(0);
        for (int k = 0; k < cells.length - 1; k++) {
          float x = Float.parseFloat(cells[k]);
          long q = Math.round(Math.abs(x / in.scale())) * (x < 0 ? -1 : 1) + in.zeroPoint();
          a.put((byte) Math.max(-128, Math.min(127, q)));
          b.putFloat(x);
        }
        i8.invoke();
        f32.invoke();
        ByteBuffer oa = i8.output(0);
        ByteBuffer ob = f32.output(0);
        int topA = 0;
        int topB = 0;
        byte[] qa = new byte[out.elementCount()];
        float[] fb = new float[out.elementCount()];
        for (int k = 0; k < qa.length; k++) {
          qa[k] = oa.get();
          fb[k] = ob.getFloat();
          topA = qa[k] > qa[topA] ? k : topA;
          topB = fb[k] > fb[topB] ? k : topB;
          diff += Math.abs(out.scale() * (qa[k] - out.zeroPoint()) - fb[k]);
          outputs++;
        }
        rows++;
        agree += topA == topB ? 1 : 0;
        int8Correct += topA == label ? 1 : 0;
        fp32Correct += topB == label ? 1 : 0;
      }
    }
    return new Count(rows, agree, int8Correct, fp32Correct, diff / outputs);
  }

  private JsonNode compareJson(Path int8File) throws Exception {
    CliRun run = CliRun.of("model", "compare", "--int8", int8File.toString(), "--fp32", DemoModels.fp32().toString(),
        "--data", DemoModels.heldOut().toString(), "--labels", DemoModels.labels().toString(), "--engine", "tflite",
        "--runs", "50", "--json");
    assertEquals(0, run.exitCode(), run.err());
    return json.readTree(run.out());
  }

  @Test
  void demoPair_json_everyFigure_agreementMatchesAnIndependentCount() throws Exception {
    JsonNode r = compareJson(DemoModels.int8());
    Count c = independentCount(DemoModels.int8(), DemoModels.fp32());
    assertEquals(c.rows(), r.get("rows").asInt());
    assertEquals(c.rows(), r.get("labelledRows").asInt());
    assertEquals(c.agree(), r.get("top1AgreeingRows").asInt());
    assertEquals((double) c.agree() / c.rows(), r.get("top1Agreement").asDouble());
    assertEquals(c.meanAbsDiff(), r.get("meanAbsDifference").asDouble(), 1e-12);
    assertEquals(c.rows() * 4L, r.get("outputsCompared").asLong());
    assertEquals(c.int8Correct(), r.at("/int8/correctRows").asInt());
    assertEquals(c.fp32Correct(), r.at("/fp32/correctRows").asInt());
    for (String v : List.of("int8", "fp32")) {
      JsonNode m = r.get(v);
      Path file = v.equals("int8") ? DemoModels.int8() : DemoModels.fp32();
      assertEquals(Files.size(file), m.get("fileBytes").asLong());
      assertEquals("tflite", m.get("engine").asText());
      assertTrue(m.get("loadMs").asDouble() > 0, m.toString());
      assertTrue(m.get("latencyP50Ms").asDouble() > 0, m.toString());
      assertTrue(m.get("latencyP99Ms").asDouble() >= m.get("latencyP50Ms").asDouble(), m.toString());
      assertTrue(m.get("residentBytesAdded").isIntegralNumber(), m.toString());
    }
  }

  @Test
  void degradedInt8_json_agreementMatchesAnIndependentCount(@TempDir Path dir) throws Exception {
    Path degraded = DegradedInt8Model.write(dir.resolve("degraded_int8.tflite"), 0.5f);
    JsonNode r = compareJson(degraded);
    Count c = independentCount(degraded, DemoModels.fp32());
    assertEquals(c.agree(), r.get("top1AgreeingRows").asInt());
    assertTrue(c.agree() < c.rows() * 0.9, "the fixture disagrees often: " + c);
    assertEquals(c.int8Correct(), r.at("/int8/correctRows").asInt());
    assertEquals(c.meanAbsDiff(), r.get("meanAbsDifference").asDouble(), 1e-12);
  }

  @Test
  void demoPair_table_printsEveryColumn() throws Exception {
    CliRun run = CliRun.of("model", "compare", "--int8", DemoModels.int8().toString(), "--fp32",
        DemoModels.fp32().toString(), "--data", DemoModels.heldOut().toString(), "--labels",
        DemoModels.labels().toString(), "--engine", "tflite", "--runs", "50");
    assertEquals(0, run.exitCode(), run.err());
    Count c = independentCount(DemoModels.int8(), DemoModels.fp32());
    List<String> rowNames = new ArrayList<>();
    for (String line : run.out().split("\n")) {
      if (line.startsWith("  ") && !line.isBlank()) {
        rowNames.add(line.substring(2, Math.min(line.length(), 26)).strip());
      }
    }
    assertEquals(List.of("", "file size", "load time", "latency p50", "latency p99", "resident memory added", "accuracy",
        "top-1 agreement", "mean |int8 - fp32|"), rowNames, run.out());
    assertTrue(run.out().contains(String.format(java.util.Locale.ROOT, "  %-24s %.4f (%d of %d rows)%n",
        "top-1 agreement", (double) c.agree() / c.rows(), c.agree(), c.rows())), run.out());
    assertTrue(run.out().contains(String.format(java.util.Locale.ROOT, "%,d B", Files.size(DemoModels.int8()))),
        run.out());
  }

  @Test
  void dataOfTheWrongWidth_exits2NamingTheFile(@TempDir Path dir) throws Exception {
    Path data = Files.writeString(dir.resolve("narrow.csv"), "a,b,label\n1,2,idle\n");
    CliRun run = CliRun.of("model", "compare", "--int8", DemoModels.int8().toString(), "--fp32",
        DemoModels.fp32().toString(), "--data", data.toString(), "--labels", DemoModels.labels().toString());
    assertEquals(2, run.exitCode());
    assertEquals("edgeinfer: " + data + ": rows have 2 features, but the model takes 24 inputs\n", run.err());
  }

  @Test
  void unknownLabel_exits2NamingTheLine(@TempDir Path dir) throws Exception {
    Path data = Files.writeString(dir.resolve("bad.csv"), "a,label\n1,idle\n2,broken\n");
    CliRun run = CliRun.of("model", "compare", "--int8", DemoModels.int8().toString(), "--fp32",
        DemoModels.fp32().toString(), "--data", data.toString(), "--labels", DemoModels.labels().toString());
    assertEquals(2, run.exitCode());
    assertEquals("edgeinfer: " + data + ": line 3: column 2: label \"broken\" is neither a label (idle, normal, "
        + "imbalance, bearing_wear) nor a class index 0 to 3\n", run.err());
  }
}
