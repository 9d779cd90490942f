package dev.edgeinfer.sensor;

import dev.edgeinfer.config.SensorConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Plays a CSV recording: a header {@code timestamp_ms,CH1,CH2,...} then one sample per line.
 * With {@code realtime} it keeps the recording's own timing (sleeping between samples); otherwise
 * it returns samples as fast as they are read. With {@code loop} it starts over at the end,
 * shifting timestamps so that time keeps moving forward.
 *
 * <p>A malformed line is an {@link IOException} naming the file and line; the caller decides
 * whether to go on.
 */
public final class ReplayCsvSource implements SensorSource {
  private static final int MAX_LINE = 64 * 1024;

  private final SensorConfig.Replay config;
  private final List<String> channels;
  private final double rateHz;
  private BufferedReader reader;
  private int lineNumber;
  private long loopOffsetMillis;
  private long firstMillis = Long.MIN_VALUE;
  private long lastMillis;
  private long playbackStartNanos;
  private volatile boolean closed;

  public ReplayCsvSource(SensorConfig.Replay config) throws IOException {
    this.config = config;
    this.reader = open();
    String headerLine = reader.readLine();
    String[] header = headerLine == null ? new String[0] : headerLine.split(",");
    if (header.length < 2 || !header[0].trim().equals("timestamp_ms")) {
      reader.close();
      throw new IOException(config.file() + ":1: expected a header \"timestamp_ms,CHANNEL,...\"");
    }
    this.channels = Arrays.stream(header).skip(1).map(String::trim).toList();
    this.rateHz = estimateRate();
    this.lineNumber = 1;
  }

  private BufferedReader open() throws IOException {
    return Files.newBufferedReader(config.file(), StandardCharsets.UTF_8);
  }

  /** From the first two samples' timestamps; 0 when the recording is too short to tell. */
  private double estimateRate() throws IOException {
    try (BufferedReader r = open()) {
      r.readLine();
      String a = r.readLine();
      String b = r.readLine();
      if (a == null || b == null) {
        return 0;
      }
      long dt = Long.parseLong(a.split(",", 2)[0].trim()) - Long.parseLong(b.split(",", 2)[0].trim());
      return dt == 0 ? 0 : 1000.0 / Math.abs(dt);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public List<String> channels() {
    return channels;
  }

  @Override
  public double sampleRateHz() {
    return rateHz;
  }

  @Override
  public Sample next() throws IOException, InterruptedException {
    if (closed) {
      return null;
    }
    String line = reader.readLine();
    lineNumber++;
    if (line == null || line.isBlank()) {
      if (!config.loop() || firstMillis == Long.MIN_VALUE) {
        return null;
      }
      loopOffsetMillis += lastMillis - firstMillis + Math.round(rateHz > 0 ? 1000 / rateHz : 1);
      reader.close();
      reader = open();
      reader.readLine();
      lineNumber = 1;
      return next();
    }
    Sample sample = parse(line);
    if (config.realtime()) {
      pace(sample.epochMillis());
    }
    return sample;
  }

  private Sample parse(String line) throws IOException {
    if (line.length() > MAX_LINE) {
      throw new IOException(config.file() + ":" + lineNumber + ": line longer than " + MAX_LINE + " characters");
    }
    String[] cells = line.split(",", -1);
    if (cells.length != channels.size() + 1) {
      throw new IOException(config.file() + ":" + lineNumber + ": " + cells.length + " columns, expected "
          + (channels.size() + 1));
    }
    try {
      long ts = Long.parseLong(cells[0].trim());
      if (firstMillis == Long.MIN_VALUE) {
        firstMillis = ts;
      }
      lastMillis = ts;
      float[] values = new float[channels.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = Float.parseFloat(cells[i + 1].trim());
      }
      return new Sample(ts + loopOffsetMillis, values);
    } catch (NumberFormatException e) {
      throw new IOException(config.file() + ":" + lineNumber + ": not a number (" + e.getMessage() + ")");
    }
  }

  /** Sleeps until the sample's time relative to the first sample played. */
  private void pace(long sampleMillis) throws InterruptedException {
    long now = System.nanoTime();
    if (playbackStartNanos == 0) {
      playbackStartNanos = now - (sampleMillis - firstMillis) * 1_000_000L;
    }
    long due = playbackStartNanos + (sampleMillis - firstMillis) * 1_000_000L;
    long wait = due - now;
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
    }
  }

  @Override
  public void close() {
    closed = true;
  }
}
