package dev.edgeinfer.system;

import dev.edgeinfer.testing.Conformance;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/** Files the daemon-process tests run on: a seeded recording and a config that replays it through the demo model. */
final class ItFiles {
  static final int WINDOW = 128;
  static final int HOP = 64;

  private ItFiles() {}

  /**
   * A 3-axis recording that makes exactly {@code results} windows, {@code samplesPerMs} samples
   * in each millisecond (32 gives 500 results a second at hop 64 when replayed in real time).
   */
  static Path replayCsv(Path file, int results, int samplesPerMs) throws Exception {
    long samples = (long) HOP * (results - 1) + WINDOW;
    long t0 = 1_795_776_000_000L;
    Random r = new Random(results);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      w.write("timestamp_ms,x,y,z\n");
      for (long i = 0; i < samples; i++) {
        w.write(Long.toString(t0 + i / samplesPerMs));
        for (int axis = 0; axis < 3; axis++) {
          double v = Math.sin(i * (0.05 + axis * 0.01)) * (1 + (i / 20_000) % 4) + r.nextGaussian() * 0.1;
          w.write(String.format(Locale.ROOT, ",%.4f", v));
        }
        w.write('\n');
      }
    }
    return file;
  }

  /** Milliseconds from the recording's start to the last sample of result {@code seq}'s window. */
  static long windowOffsetMillis(long seq, int samplesPerMs) {
    return ((long) HOP * (seq - 1) + WINDOW - 1) / samplesPerMs;
  }

  /** A config replaying {@code csv} once, in real time, QoS 1, through the demo's INT8 model. */
  static Path replayConfig(Path file, String device, String broker, Path state, Path csv, int statusSeconds)
      throws Exception {
    Path models = Conformance.repo().resolve("device-config/models");
    Files.writeString(file, String.join("\n",
        "device: {id: " + device + ", stateDir: '" + state + "'}",
        "mqtt: {broker: '" + broker + "', qos: 1, statusIntervalSeconds: " + statusSeconds + "}",
        "outbox: {commitIntervalMillis: 50}",
        "models:",
        "  vibration: {int8: '" + models.resolve("vibration_int8.tflite") + "', labels: '"
            + models.resolve("vibration.labels") + "'}",
        "sensors:",
        "  motor: {type: replay, file: '" + csv + "', realtime: true}",
        "pipelines:",
        "  vibration:",
        "    source: motor",
        "    model: vibration",
        "    window: {size: " + WINDOW + ", hop: " + HOP + "}",
        "    preprocessing: {normalize: remove-mean, features: band-energies, bands: 8, logScale: true}",
        ""));
    return file;
  }
}
