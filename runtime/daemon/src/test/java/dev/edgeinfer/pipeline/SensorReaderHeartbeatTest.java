package dev.edgeinfer.pipeline;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.sensor.Sample;
import dev.edgeinfer.sensor.SensorSource;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The beats a reader gives the systemd watchdog, on a clock that does not move: a read may take one
 * sample period, and a failing sensor's retry pause is covered for its whole length, so a slow or
 * failing sensor does not get the daemon restarted, while a loop that stops beating does.
 */
class SensorReaderHeartbeatTest {
  private static final long S = 1_000_000_000L;

  /** A 10 Hz sensor (100 ms per read) whose reads fail until told otherwise. */
  private static final class FailingSource implements SensorSource {
    final CountDownLatch failed = new CountDownLatch(1);

    @Override
    public String name() {
      return "flaky";
    }

    @Override
    public List<String> channels() {
      return List.of("x");
    }

    @Override
    public double sampleRateHz() {
      return 10;
    }

    @Override
    public Sample next() throws IOException {
      failed.countDown();
      throw new IOException("i2c read failed");
    }

    @Override
    public void close() {}
  }

  @Test
  void next_beatsForOneSamplePeriod_andForTheWholeRetryPause() throws Exception {
    Heartbeat heartbeat = new Heartbeat(() -> 0);
    FailingSource source = new FailingSource();
    // A 60 s pause after the first failure: the reader sits in it until stopped.
    SensorReader reader = new SensorReader(source,
        new SensorHealth("flaky", "p", new RetryPolicy(60_000, 60_000), SensorEventSink.NONE, Clock.systemUTC()),
        heartbeat);
    assertFalse(heartbeat.overdue(0, 0), "a new heartbeat is due now");

    AtomicReference<Object> result = new AtomicReference<>("not returned");
    Thread loop = new Thread(() -> {
      try {
        result.set(reader.next(() -> { }));
      } catch (InterruptedException e) {
        result.set(e);
      }
    });
    loop.start();
    assertTrue(source.failed.await(30, TimeUnit.SECONDS));
    // The beat before the pause follows the failure: wait for it, then look at what it promised.
    long deadline = System.nanoTime() + 30 * S;
    while (heartbeat.overdue(60 * S, 0) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertFalse(heartbeat.overdue(60 * S + 100_000_000, 0), "due by the pause (60 s) plus one read (100 ms)");
    assertTrue(heartbeat.overdue(60 * S + 100_000_001, 0), "and no later");
    reader.stop();
    loop.join(30_000);
    assertNull(result.get(), "stop() ends the pause");
  }
}
