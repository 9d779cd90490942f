package dev.edgeinfer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.testing.CliRun;
import dev.edgeinfer.testing.DemoModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 switches under load lose no window: exact counts only. The latency goal (≤ 1 ms) is the
 * benchmark's printed verdict, not asserted here: timing belongs to the benchmark, not to a test.
 */
class PrecisionSwitchBenchmarkTest {

  @Test
  void thousandSwitchesUnderLoad_noWindowLostOrRepeated_onePrecisionChangePerSwitch(@TempDir Path state)
      throws Exception {
    PrecisionSwitchBenchmark.Result r = PrecisionSwitchBenchmark.run(DemoModels.int8(), DemoModels.fp32(), 1000, state);
    assertEquals(1000, r.switches());
    assertEquals(r.expectedWindows(), r.results(), "every window the samples made has a result");
    assertEquals(0, r.gaps());
    assertEquals(0, r.duplicates());
    assertEquals(1000, r.precisionChanges(), "each switch took effect, once");
    assertTrue(r.noWindowLost());
  }

  @Test
  void benchCommand_precisionSwitch_printsTheVerdicts() {
    CliRun run = CliRun.of("bench", "precision-switch", "--switches", "20");
    assertEquals(0, run.exitCode(), run.err());
    String[] lines = run.out().split("\n");
    assertEquals(5, lines.length, run.out());
    assertTrue(lines[1].startsWith("  switch with both variants loaded, 20 times: median "), lines[1]);
    assertTrue(lines[2].startsWith("  in effect from the next window: median "), lines[2]);
    assertTrue(lines[3].startsWith("  for contrast, a switch that must load fp32 first (fp32Loading: lazy): "), lines[3]);
    assertTrue(lines[4].endsWith("precision changes in the results: 20  (no window lost: yes)"), lines[4]);
  }
}
