package dev.edgeinfer.sensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.edgeinfer.config.SensorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayCsvSourceTest {
  @TempDir
  Path tmp;

  private ReplayCsvSource source(String csv, boolean realtime, boolean loop) throws IOException {
    Path file = tmp.resolve("rec.csv");
    Files.writeString(file, csv);
    return new ReplayCsvSource(new SensorConfig.Replay("rec", file, realtime, loop));
  }

  @Test
  void next_readsChannelsTimestampsAndRateThenEnds() throws Exception {
    ReplayCsvSource s = source("timestamp_ms,x,y\n1000,0.5,-1\n1010,1.5,2\n", false, false);
    assertEquals(List.of("x", "y"), s.channels());
    assertEquals(100.0, s.sampleRateHz(), 1e-9);
    Sample a = s.next();
    assertEquals(1000, a.epochMillis());
    assertArrayEquals(new float[] {0.5f, -1f}, a.values());
    assertEquals(1010, s.next().epochMillis());
    assertNull(s.next());
  }

  @Test
  void next_loop_startsOverWithTimeMovingForward() throws Exception {
    ReplayCsvSource s = source("timestamp_ms,v\n0,1\n10,2\n", false, true);
    long[] ts = new long[5];
    for (int i = 0; i < 5; i++) {
      ts[i] = s.next().epochMillis();
    }
    assertArrayEquals(new long[] {0, 10, 20, 30, 40}, ts);
  }

  @Test
  void next_realtime_keepsTheRecordingsTiming() throws Exception {
    ReplayCsvSource s = source("timestamp_ms,v\n0,1\n50,2\n100,3\n", true, false);
    long start = System.nanoTime();
    while (s.next() != null) {
      // play it all
    }
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    // Sleeps make it last at least the recording's 100 ms (no upper bound: machines are noisy).
    assertEquals(true, elapsedMillis >= 95, "played in " + elapsedMillis + " ms");
  }

  @Test
  void next_malformedLine_namesFileAndLine() throws Exception {
    ReplayCsvSource s = source("timestamp_ms,x,y\n1000,0.5,-1\n1010,abc,2\n1020,1\n", false, false);
    s.next();
    IOException e = assertThrows(IOException.class, s::next);
    assertEquals(tmp.resolve("rec.csv") + ":3: not a number (For input string: \"abc\")", e.getMessage());
    IOException columns = assertThrows(IOException.class, s::next);
    assertEquals(tmp.resolve("rec.csv") + ":4: 2 columns, expected 3", columns.getMessage());
  }

  @Test
  void open_withoutHeader_saysWhatIsExpected() {
    IOException e = assertThrows(IOException.class, () -> source("1000,0.5\n", false, false));
    assertEquals(tmp.resolve("rec.csv") + ":1: expected a header \"timestamp_ms,CHANNEL,...\"", e.getMessage());
  }

  @Test
  void close_endsTheStream() throws Exception {
    ReplayCsvSource s = source("timestamp_ms,v\n0,1\n10,2\n", false, false);
    s.close();
    assertNull(s.next());
  }
}
