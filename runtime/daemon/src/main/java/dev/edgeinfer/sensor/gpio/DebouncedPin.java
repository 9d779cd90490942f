package dev.edgeinfer.sensor.gpio;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One digital input's debounced level and edge counts, fed by the provider's change events (the
 * gpiod provider's line events on a Pi; {@code MockDigitalInput.mockState} in tests, which fires the
 * same event). Debouncing is done here rather than by the provider, so that it behaves the same on
 * gpiod, linuxfs and the mock.
 *
 * <p>A change is accepted once the raw level has stayed put for {@code debounce}: a burst of bounces
 * becomes one edge, timed at the burst's last raw change (when the contact came to rest), and a glitch
 * shorter than {@code debounce} that returns to the old level is no edge at all. Acceptance is
 * settled lazily, at the next raw event or the next query, against the given clock, so that tests can
 * place events on a clock of their own.
 *
 * <p>The pins of one sensor form a group sharing one lock: a raw event on any pin first settles
 * every pending change of the group that is due by then, oldest first, so edges come out in time
 * order and each edge sees the other pins' levels as they were (the gpiod provider runs one event
 * thread per pin).
 *
 * <p>Thread-safe: events arrive on the providers' threads, queries come from the source's thread.
 */
public final class DebouncedPin {

  /** Told of each accepted edge, under the group's lock: keep it short. */
  @FunctionalInterface
  public interface EdgeListener {
    void edge(DebouncedPin pin, boolean high, long atNanos);

    /** A raw change is waiting out its debounce time: a consumer waiting for edges must wake to settle it. */
    default void pending(DebouncedPin pin) {}
  }

  private final int pin;
  private final long debounceNanos;
  private final LongSupplier clock;
  private final EdgeListener listener;
  private final DigitalInput input;
  private final DigitalStateChangeListener rawListener = event -> raw(event.state() == DigitalState.HIGH);
  private final Object lock;
  private List<DebouncedPin> group = List.of(this);
  private boolean level;
  private boolean pendingLevel;
  private boolean pending;
  private long pendingSince;
  private long rising;
  private long falling;

  public DebouncedPin(DigitalInput input, int pin, long debounceNanos, LongSupplier clock, EdgeListener listener,
      Object lock) {
    if (debounceNanos < 0) {
      throw new IllegalArgumentException("debounce must be >= 0, got " + debounceNanos);
    }
    this.input = input;
    this.pin = pin;
    this.debounceNanos = debounceNanos;
    this.clock = clock;
    this.listener = listener;
    this.lock = lock;
    synchronized (lock) {
      this.level = input.state() == DigitalState.HIGH;
    }
    input.addListener(rawListener);
  }

  public int pin() {
    return pin;
  }

  /** Makes {@code pins} one group; each must have been made with the same lock. */
  public static void group(List<DebouncedPin> pins) {
    List<DebouncedPin> all = List.copyOf(pins);
    for (DebouncedPin p : all) {
      if (p.lock != all.get(0).lock) {
        throw new IllegalArgumentException("the pins of a group share one lock");
      }
      p.group = all;
    }
  }

  private void raw(boolean high) {
    synchronized (lock) {
      long now = clock.getAsLong();
      settleGroup(now);
      if (debounceNanos == 0) {
        accept(high, now);
      } else {
        pending = true;
        pendingLevel = high;
        pendingSince = now;
        listener.pending(this);
      }
    }
  }

  /** Accepts the group's pending changes that have held for the debounce time by {@code now}, oldest first. */
  public void settle(long now) {
    synchronized (lock) {
      settleGroup(now);
    }
  }

  private void settleGroup(long now) {
    while (true) {
      DebouncedPin due = null;
      for (DebouncedPin p : group) {
        if (p.pending && now - p.pendingSince >= p.debounceNanos && (due == null || p.pendingSince < due.pendingSince)) {
          due = p;
        }
      }
      if (due == null) {
        return;
      }
      due.pending = false;
      due.accept(due.pendingLevel, due.pendingSince);
    }
  }

  /** When the pending change (if any) will have held long enough; {@code Long.MAX_VALUE} when none. */
  public long settlesAt() {
    synchronized (lock) {
      return pending ? pendingSince + debounceNanos : Long.MAX_VALUE;
    }
  }

  private void accept(boolean high, long at) {
    if (high == level) {
      return; // a bounce that came back to where it started
    }
    level = high;
    if (high) {
      rising++;
    } else {
      falling++;
    }
    listener.edge(this, high, at);
  }

  /** The debounced level at {@code now}. */
  public boolean level(long now) {
    synchronized (lock) {
      settleGroup(now);
      return level;
    }
  }

  /** The level as last settled, without settling (for listeners, which run under the lock). */
  public boolean settledLevel() {
    synchronized (lock) {
      return level;
    }
  }

  /** Accepted rising and falling edges since the pin was opened, counted at {@code now}. */
  public long rising(long now) {
    synchronized (lock) {
      settleGroup(now);
      return rising;
    }
  }

  public long falling(long now) {
    synchronized (lock) {
      settleGroup(now);
      return falling;
    }
  }

  /** Stops listening (the pin itself is released with the Pi4J context). */
  public void close() {
    input.removeListener(rawListener);
  }
}
