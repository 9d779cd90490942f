package dev.edgeinfer.sensor;

import java.io.IOException;
import java.util.List;

/**
 * A stream of samples, pulled by one pipeline thread. Sources pace themselves: {@link #next()}
 * blocks until the next sample is due (a real-time source) or returns at once (a fast replay).
 * Hardware sources (GPIO, I2C, SPI) implement the same contract.
 *
 * <p>Not thread-safe: one consumer thread calls {@link #next()}; {@link #close()} may be called
 * from another thread to end a blocked {@code next()}.
 */
public interface SensorSource extends AutoCloseable {

  /** The sensor's name in the config. */
  String name();

  /** Channel names, in the order of {@link Sample#values()}. */
  List<String> channels();

  /** Nominal samples per second. */
  double sampleRateHz();

  /**
   * The next sample, or {@code null} when the stream has ended (a replay without loop, or the
   * source was closed).
   *
   * @throws IOException when the sensor cannot be read; the caller may retry
   */
  Sample next() throws IOException, InterruptedException;

  /** Rate keeping of a source polled on a schedule (hardware sources); empty for the others. */
  default java.util.Optional<SamplingStats> sampling() {
    return java.util.Optional.empty();
  }

  @Override
  void close();
}
