package dev.edgeinfer.config;

import dev.edgeinfer.config.PipelineConfig.OutputKind;
import dev.edgeinfer.config.PipelineConfig.WindowConfig;
import dev.edgeinfer.config.PreprocessingConfig.Features;
import dev.edgeinfer.config.PreprocessingConfig.Normalize;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code pipelines} section and checks what ties a pipeline to the rest: its source and
 * model must be declared, and band energies need a window an FFT can take.
 */
final class PipelinesReader {

  private static final List<String> KEYS = List.of("source", "model", "window", "preprocessing", "output",
      "actions", "precision");
  private static final List<String> WINDOW_KEYS = List.of("size", "hop");
  private static final List<String> PREPROCESSING_KEYS = List.of("normalize", "features", "bands", "logScale");
  static final int MAX_WINDOW = 65536;

  private PipelinesReader() {}

  /**
   * {@code sensorNames} and {@code modelNames} are every name declared in the file, valid or not,
   * so that one broken sensor does not also make each pipeline using it "dangling".
   */
  static Map<String, PipelineConfig> read(ConfigNode pipelines, Set<String> sensorNames, Set<String> modelNames) {
    Map<String, PipelineConfig> out = new LinkedHashMap<>();
    pipelines.namedEntries().forEach((name, p) -> out.put(name, readPipeline(name, p, sensorNames, modelNames)));
    return out;
  }

  private static PipelineConfig readPipeline(String name, ConfigNode p, Set<String> sensorNames, Set<String> modelNames) {
    p.allowOnly(KEYS);
    String source = p.requiredString("source").orElse("");
    if (p.has("source") && !source.isEmpty()) {
      checkReference(p, "source", source, "sensor", "sensors", sensorNames);
    }
    String model = p.requiredString("model").orElse("");
    if (p.has("model") && !model.isEmpty()) {
      checkReference(p, "model", model, "model", "models", modelNames);
    }
    WindowConfig window = readWindow(p.mapping("window", true));
    PreprocessingConfig preprocessing = readPreprocessing(p.mapping("preprocessing", false), window);
    OutputKind output = p.choice("output", OutputKind.CLASSIFICATION, OutputKind::configName);
    List<ActionConfig> actions = ActionsReader.read(p);
    PrecisionConfig precision = PrecisionReader.read(p.mapping("precision", false), output);
    return new PipelineConfig(name, source, model, window, preprocessing, output, actions, precision);
  }

  private static void checkReference(
      ConfigNode p, String key, String target, String kind, String section, Set<String> declared) {
    if (!declared.contains(target)) {
      String known = declared.isEmpty() ? "none are configured" : section + ": " + String.join(", ", declared);
      p.problem(key, "no " + kind + " named " + ConfigNode.quote(target) + " (" + known + ")");
    }
  }

  private static WindowConfig readWindow(ConfigNode window) {
    window.allowOnly(WINDOW_KEYS);
    if (window.isPresent() && !window.has("size")) {
      window.problem("size", "required key is missing");
    }
    // 0 stands for "no valid size" (already reported); checks that depend on the size skip it.
    int size = window.integer("size", 0, 1, MAX_WINDOW);
    int hop = window.integer("hop", size, 1, Integer.MAX_VALUE);
    return new WindowConfig(size, hop);
  }

  private static PreprocessingConfig readPreprocessing(ConfigNode pre, WindowConfig window) {
    pre.allowOnly(PREPROCESSING_KEYS);
    Normalize normalize = pre.choice("normalize", Normalize.NONE, Normalize::configName);
    Features features = pre.choice("features", Features.RAW, Features::configName);
    int bands = pre.integer("bands", 8, 1, MAX_WINDOW / 2);
    boolean logScale = pre.bool("logScale", true);
    if (features == Features.BAND_ENERGIES && window.size() > 0) {
      // The spectrum comes from a radix-2 FFT, and a one-sided spectrum has size/2 bins to share.
      int size = window.size();
      if (Integer.bitCount(size) != 1) {
        pre.problem("features", "band-energies needs window.size a power of two, got " + size);
      } else if (bands > size / 2) {
        pre.problem("bands", "must be <= window.size / 2 (" + size / 2 + ") for band-energies, got " + bands);
      }
    }
    return new PreprocessingConfig(normalize, features, bands, logScale);
  }
}
