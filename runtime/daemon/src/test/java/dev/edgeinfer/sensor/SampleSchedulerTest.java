package dev.edgeinfer.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgeinfer.testing.FakeTicker;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SampleSchedulerTest {
  private static final long S = 5_000_000_000L;
  private static final long MS = 1_000_000;

  @Test
  void awaitNext_keepsTheGrid_countsMissedSlots_andMeasuresJitter() throws Exception {
    FakeTicker ticker = new FakeTicker(S);
    ticker.oversleep(100, TimeUnit.MICROSECONDS);
    SampleScheduler scheduler = new SampleScheduler(100, ticker); // a slot every 10 ms

    assertEquals(S, scheduler.awaitNext(), "slot 0 is due at once");
    ticker.advance(1, TimeUnit.MILLISECONDS); // the read
    assertEquals(S + 10 * MS, scheduler.awaitNext(), "woken 100 us late");
    ticker.advance(1, TimeUnit.MILLISECONDS);
    assertEquals(S + 20 * MS, scheduler.awaitNext());
    ticker.advance(35, TimeUnit.MILLISECONDS); // a stall: now S + 55.1 ms, slots 3 and 4 are gone
    assertEquals(S + 50 * MS, scheduler.awaitNext(), "takes the latest due slot instead of catching up");
    ticker.advance(1, TimeUnit.MILLISECONDS);
    assertEquals(S + 60 * MS, scheduler.awaitNext(), "back on the grid: no drift");

    // Jitters 0, 100, 100, 5100, 100 us: median 100, p99 and max 5100.
    assertEquals(new SamplingStats(100, 5, 2, 100, 5100, 5100), scheduler.stats());
  }

  @Test
  void awaitNext_aRateThatIsNotAWholeNumberOfNanoseconds_doesNotDrift() throws Exception {
    FakeTicker ticker = new FakeTicker(0);
    SampleScheduler scheduler = new SampleScheduler(3, ticker); // 333,333,333.3 ns
    long due = 0;
    for (int i = 0; i < 3001; i++) {
      due = scheduler.awaitNext();
    }
    assertEquals(1000L * 1_000_000_000, due, "slot 3000 is due at exactly 1000 s");
    assertEquals(0, scheduler.stats().missed());
    assertEquals(0, scheduler.stats().jitterMaxUs());
  }

  @Test
  void awaitNext_woken_returnsMinusOne() throws Exception {
    FakeTicker ticker = new FakeTicker(0);
    SampleScheduler scheduler = new SampleScheduler(10, ticker);
    scheduler.awaitNext();
    ticker.wake();
    assertEquals(-1, scheduler.awaitNext());
  }

  @Test
  void skipFirstSlot_firstSampleComesOnePeriodAfterTheStart() throws Exception {
    FakeTicker ticker = new FakeTicker(0);
    SampleScheduler scheduler = new SampleScheduler(1, ticker).skipFirstSlot();
    assertEquals(1_000_000_000L, scheduler.awaitNext());
    assertEquals(2_000_000_000L, scheduler.awaitNext());
  }
}
