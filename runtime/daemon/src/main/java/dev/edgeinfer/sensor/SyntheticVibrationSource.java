package dev.edgeinfer.sensor;

import dev.edgeinfer.config.SensorConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code type: synthetic}: samples from a {@link VibrationGenerator}, channels x, y, z. Real time
 * paces {@link #next()} to the configured rate against System.nanoTime and stamps wall-clock
 * time; otherwise samples come at once with a synthetic clock, start + i / rate, so a replay of
 * the same seed is identical.
 *
 * <p>One consumer thread calls {@code next()}; {@link #close()} may come from another thread and
 * wakes a waiting {@code next()}, which then returns null.
 */
public final class SyntheticVibrationSource implements SensorSource {

  private static final List<String> CHANNELS = List.of("x", "y", "z");

  private final String name;
  private final double rateHz;
  private final boolean realtime;
  private final long startEpochMillis;
  private final VibrationGenerator generator;
  private final Object lock = new Object();
  private long startNanos = -1;
  private volatile boolean closed;
  private volatile MachineState current;

  public SyntheticVibrationSource(SensorConfig.Synthetic config) {
    this(config, System.currentTimeMillis());
  }

  /** {@code startEpochMillis} is the synthetic clock's time of sample 0 (not used in real time). */
  public SyntheticVibrationSource(SensorConfig.Synthetic config, long startEpochMillis) {
    String where = "sensors." + config.name();
    if (!(config.rateHz() > 0) || Double.isInfinite(config.rateHz())) {
      throw new IllegalArgumentException(where + ".rateHz: must be a positive number, got " + config.rateHz());
    }
    long perState = Math.round(config.stateSeconds() * config.rateHz());
    if (perState < 1) {
      throw new IllegalArgumentException(where + ".stateSeconds: must give at least one sample per state at "
          + config.rateHz() + " Hz, got " + config.stateSeconds());
    }
    if (config.states().isEmpty()) {
      throw new IllegalArgumentException(where + ".states: name at least one of idle, normal, imbalance, bearing_wear");
    }
    List<MachineState> states = new ArrayList<>();
    for (String s : config.states()) {
      try {
        states.add(MachineState.fromConfigName(s));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ".states: " + e.getMessage(), e);
      }
    }
    this.name = config.name();
    this.rateHz = config.rateHz();
    this.realtime = config.realtime();
    this.startEpochMillis = startEpochMillis;
    this.generator = new VibrationGenerator(config.seed(), rateHz, states, perState);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> channels() {
    return CHANNELS;
  }

  @Override
  public double sampleRateHz() {
    return rateHz;
  }

  @Override
  public Sample next() throws InterruptedException {
    if (closed) {
      return null;
    }
    long i = generator.index();
    long stamp;
    if (realtime) {
      if (!awaitDue(i)) {
        return null;
      }
      stamp = System.currentTimeMillis();
    } else {
      stamp = startEpochMillis + (long) Math.floor(i * 1000.0 / rateHz);
    }
    float[] values = new float[VibrationGenerator.CHANNELS];
    current = generator.next(values);
    return new Sample(stamp, values);
  }

  /** Waits until sample i is due; false when closed meanwhile. */
  private boolean awaitDue(long i) throws InterruptedException {
    synchronized (lock) {
      if (startNanos < 0) {
        startNanos = System.nanoTime();
      }
      long due = startNanos + (long) (i * 1e9 / rateHz);
      long wait;
      while (!closed && (wait = due - System.nanoTime()) > 0) {
        lock.wait(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      return !closed;
    }
  }

  /** The machine state of the most recent sample {@link #next()} returned; null before the first. */
  public MachineState currentState() {
    return current;
  }

  /** The generator's own state schedule: the state of sample i (counting from 0). */
  public MachineState stateOfSample(long i) {
    return generator.stateAt(i);
  }

  @Override
  public void close() {
    closed = true;
    synchronized (lock) {
      lock.notifyAll();
    }
  }
}
