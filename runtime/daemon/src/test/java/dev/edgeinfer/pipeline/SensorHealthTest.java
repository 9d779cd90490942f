package dev.edgeinfer.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SensorHealthTest {

  /** A clock the test sets. */
  private static final class SetClock extends Clock {
    long millis;

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis);
    }
  }

  @Test
  void retryPolicy_doublesFromTheFirstDelayUpToTheMaximum() {
    RetryPolicy p = RetryPolicy.DEFAULT;
    long[] delays = new long[10];
    for (int i = 0; i < delays.length; i++) {
      delays[i] = p.delayMillis(i);
    }
    assertEquals(List.of(100L, 200L, 400L, 800L, 1600L, 3200L, 6400L, 10_000L, 10_000L, 10_000L),
        java.util.Arrays.stream(delays).boxed().toList());
    assertEquals(10_000L, p.delayMillis(Integer.MAX_VALUE));
  }

  @Test
  void anOutage_isOneFailingEventAndOneRecoveredEvent_howeverManyRetries() {
    SetClock clock = new SetClock();
    clock.millis = 1_000;
    List<SensorEvent> events = new ArrayList<>();
    SensorHealth health = new SensorHealth("motor", "vibration", new RetryPolicy(10, 40), events::add, clock);

    assertFalse(health.ok(), "no outage to end");
    assertEquals(10, health.failed(new IOException("no answer")));
    clock.millis = 1_010;
    assertEquals(20, health.failed(new IOException("still no answer")));
    assertEquals(40, health.failed(new IOException("still no answer")));
    assertEquals(40, health.failed(new IOException("still no answer")));
    assertEquals(new SensorHealth.Snapshot(true, 1, 4, "still no answer"), health.snapshot());
    clock.millis = 1_250;
    assertTrue(health.ok());
    assertFalse(health.ok(), "already ended");

    assertEquals(List.of(
        new SensorEvent("motor", "vibration", SensorEvent.State.FAILING, "no answer", 0, 0, 1_000),
        new SensorEvent("motor", "vibration", SensorEvent.State.RECOVERED, null, 250, 4, 1_250)), events);
    assertEquals(new SensorHealth.Snapshot(false, 1, 0, "still no answer"), health.snapshot());

    health.failed(new IOException("again"));
    assertEquals(new SensorHealth.Snapshot(true, 2, 1, "again"), health.snapshot(), "a second outage");
    assertEquals(3, events.size());
  }

  @Test
  void anEventSinkThatFails_doesNotStopTheRetries() {
    SensorHealth health = new SensorHealth("motor", "vibration", new RetryPolicy(10, 40),
        e -> {
          throw new IllegalStateException("broker down");
        }, Clock.systemUTC());
    assertEquals(10, health.failed(new IOException("no answer")));
    assertTrue(health.ok());
  }
}
