package dev.edgeinfer.demo;

import java.util.List;
import java.util.Random;

/**
 * Motion from a PIR sensor's output, as {@code pizero2w-pir-relay.yaml} samples it: 2 s of levels
 * at 10 Hz (20 values, 0 or 1). An HC-SR501 holds its output high for a few seconds after it sees
 * a warm body move, so a window with motion has a long high stretch (or the start or end of one);
 * a window without has none, or a short spike from an electrical glitch or a gust of warm air
 * (up to 0.3 s), which must not switch the relay.
 */
final class MotionTask implements ExampleTask {
  static final int WINDOW = 20;

  @Override
  public String name() {
    return "motion";
  }

  @Override
  public List<String> labels() {
    return List.of("still", "motion");
  }

  @Override
  public int[] layerSizes() {
    return new int[] {WINDOW, 12, 2};
  }

  @Override
  public LabelledWindows generate(long seed, int count) {
    Random random = new Random(seed);
    float[][] features = new float[count][WINDOW];
    int[] labels = new int[count];
    for (int n = 0; n < count; n++) {
      boolean motion = random.nextBoolean();
      float[] w = features[n];
      if (motion) {
        // A high stretch of 0.5 s or more, anywhere in (or running off either end of) the window.
        int length = 5 + random.nextInt(30);
        int start = random.nextInt(WINDOW + length - 5) - length + 5;
        for (int i = Math.max(0, start); i < Math.min(WINDOW, start + length); i++) {
          w[i] = 1;
        }
      } else if (random.nextInt(3) == 0) {
        int length = 1 + random.nextInt(3);
        int start = random.nextInt(WINDOW - length + 1);
        for (int i = start; i < start + length; i++) {
          w[i] = 1;
        }
      }
      labels[n] = motion ? 1 : 0;
    }
    return new LabelledWindows(features, labels);
  }
}
