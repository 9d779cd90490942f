package dev.edgeinfer.bench;

import dev.edgeinfer.sensor.Sample;
import dev.edgeinfer.sensor.SensorSource;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A source that counts the samples it hands out, optionally stopping after {@code limit}: the
 * independent tally a "no window lost" check needs (windows expected from samples taken, against
 * results received). Same threading as the source it wraps; the count may be read from any thread.
 */
public final class CountingSource implements SensorSource {
  private final SensorSource inner;
  private final long limit;
  private final AtomicLong count = new AtomicLong();

  /** {@code limit}: the stream ends after that many samples; Long.MAX_VALUE for no limit. */
  public CountingSource(SensorSource inner, long limit) {
    this.inner = inner;
    this.limit = limit;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public List<String> channels() {
    return inner.channels();
  }

  @Override
  public double sampleRateHz() {
    return inner.sampleRateHz();
  }

  @Override
  public Sample next() throws IOException, InterruptedException {
    if (count.get() >= limit) {
      return null;
    }
    Sample s = inner.next();
    if (s != null) {
      count.incrementAndGet();
    }
    return s;
  }

  public long count() {
    return count.get();
  }

  /** Windows a {@code size}/{@code hop} windower makes from {@code samples} samples. */
  public static long windowsFrom(long samples, int size, int hop) {
    return samples < size ? 0 : (samples - size) / hop + 1;
  }

  @Override
  public void close() {
    inner.close();
  }
}
