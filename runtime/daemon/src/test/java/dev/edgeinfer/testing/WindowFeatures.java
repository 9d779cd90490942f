package dev.edgeinfer.testing;

import dev.edgeinfer.config.PreprocessingConfig;
import dev.edgeinfer.config.SensorConfig;
import dev.edgeinfer.pipeline.FeatureExtractor;
import dev.edgeinfer.sensor.Sample;
import dev.edgeinfer.sensor.SyntheticVibrationSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The feature vectors of the first windows of a non-real-time synthetic sensor, computed apart from
 * the pipeline (own window slicing, the shared feature extractor): what a test compares a
 * pipeline's results against, window by window.
 */
public final class WindowFeatures {
  private WindowFeatures() {}

  public static List<float[]> of(SensorConfig.Synthetic sensor, int size, int hop, PreprocessingConfig pre, int windows)
      throws Exception {
    int samples = size + (windows - 1) * hop;
    List<float[]> all = new ArrayList<>();
    try (SyntheticVibrationSource source = new SyntheticVibrationSource(sensor, 0)) {
      for (int i = 0; i < samples; i++) {
        Sample s = source.next();
        all.add(s.values());
      }
    }
    FeatureExtractor extractor = new FeatureExtractor(pre, size, all.get(0).length);
    List<float[]> out = new ArrayList<>();
    for (int w = 0; w < windows; w++) {
      float[][] window = all.subList(w * hop, w * hop + size).toArray(new float[0][]);
      float[] f = new float[extractor.featureCount()];
      extractor.extract(window, f);
      out.add(f);
    }
    return out;
  }
}
