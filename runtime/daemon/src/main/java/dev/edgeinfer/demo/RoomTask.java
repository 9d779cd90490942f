package dev.edgeinfer.demo;

import java.util.List;
import java.util.Random;

/**
 * Room conditions from a BME280, as {@code pi5-ups-bme280.yaml} samples it: 30 readings of
 * temperature (degrees C) and humidity (% RH), sample-major (t0 h0 t1 h1 ...). The label follows
 * the window's average against common comfort limits: below 18 degrees too cold, above 26 too
 * warm, else above 65 % too humid, else comfortable. Readings drift slowly within a window and carry
 * the sensor's noise (0.1 degrees, 1 % RH).
 */
final class RoomTask implements ExampleTask {
  static final int WINDOW = 30;

  @Override
  public String name() {
    return "room";
  }

  @Override
  public List<String> labels() {
    return List.of("comfortable", "too_cold", "too_warm", "too_humid");
  }

  @Override
  public int[] layerSizes() {
    return new int[] {2 * WINDOW, 16, 4};
  }

  @Override
  public LabelledWindows generate(long seed, int count) {
    Random random = new Random(seed);
    float[][] features = new float[count][2 * WINDOW];
    int[] labels = new int[count];
    for (int n = 0; n < count; n++) {
      double t = 12 + 20 * random.nextDouble();
      double h = 20 + 70 * random.nextDouble();
      double dt = (random.nextDouble() - 0.5) * 0.1;
      double dh = (random.nextDouble() - 0.5) * 0.4;
      double sumT = 0;
      double sumH = 0;
      for (int i = 0; i < WINDOW; i++) {
        double ti = t + dt * i + 0.1 * random.nextGaussian();
        double hi = Math.max(0, Math.min(100, h + dh * i + random.nextGaussian()));
        features[n][2 * i] = (float) ti;
        features[n][2 * i + 1] = (float) hi;
        sumT += ti;
        sumH += hi;
      }
      double meanT = sumT / WINDOW;
      double meanH = sumH / WINDOW;
      labels[n] = meanT < 18 ? 1 : meanT > 26 ? 2 : meanH > 65 ? 3 : 0;
    }
    return new LabelledWindows(features, labels);
  }
}
