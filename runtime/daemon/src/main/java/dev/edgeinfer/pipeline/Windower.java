package dev.edgeinfer.pipeline;

/**
 * Sliding windows over a sample stream: {@code size} samples per window, a new window every
 * {@code hop} samples once the first is full. Keeps a ring of the last {@code size} samples;
 * {@link #window()} copies them, oldest first, into one reusable [sample][channel] array.
 *
 * <p>Not thread-safe: owned by one pipeline thread.
 */
public final class Windower {
  private final int size;
  private final int hop;
  private final float[][] ring;
  private final float[][] window;
  private final long[] timestamps;
  private long added;

  public Windower(int size, int hop, int channels) {
    if (size < 1 || hop < 1 || channels < 1) {
      throw new IllegalArgumentException("window size, hop and channels must be >= 1");
    }
    this.size = size;
    this.hop = hop;
    this.ring = new float[size][channels];
    this.window = new float[size][channels];
    this.timestamps = new long[size];
  }

  /** Adds one sample; returns true when a window is complete and ready in {@link #window()}. */
  public boolean add(long epochMillis, float[] values) {
    int slot = (int) (added % size);
    System.arraycopy(values, 0, ring[slot], 0, ring[slot].length);
    timestamps[slot] = epochMillis;
    added++;
    if (added < size || (added - size) % hop != 0) {
      return false;
    }
    int oldest = (int) (added % size);
    for (int i = 0; i < size; i++) {
      float[] from = ring[(oldest + i) % size];
      System.arraycopy(from, 0, window[i], 0, from.length);
    }
    return true;
  }

  /** Forgets every sample: the next window starts from scratch (after a sensor outage, so no window spans the gap). */
  public void reset() {
    added = 0;
  }

  /** The last complete window, [sample][channel], oldest sample first. Overwritten by the next. */
  public float[][] window() {
    return window;
  }

  /** Epoch milliseconds of the last sample added. */
  public long lastTimestamp() {
    return timestamps[(int) ((added - 1) % size)];
  }
}
