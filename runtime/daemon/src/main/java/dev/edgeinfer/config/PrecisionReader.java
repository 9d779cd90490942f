package dev.edgeinfer.config;

import dev.edgeinfer.config.PipelineConfig.OutputKind;
import dev.edgeinfer.config.PrecisionConfig.Fp32Loading;
import dev.edgeinfer.config.PrecisionConfig.Mode;
import dev.edgeinfer.config.PrecisionConfig.WorthConfig;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Reads {@code pipelines.NAME.precision}, and checks it against the model it runs: a pipeline
 * cannot pin or escalate to FP32 when its model has no FP32 file. Label names are checked at
 * start-up, when the labels file is read.
 */
final class PrecisionReader {

  private static final List<String> KEYS = List.of("mode", "fp32Loading", "shadowEvery", "agreementWindow",
      "minShadowRuns", "escalateBelow", "benchmarkAtStart", "benchmarkRuns", "worth");
  private static final List<String> WORTH_KEYS = List.of("always", "agreementBelow", "differenceAbove", "labels",
      "labelHoldSeconds", "whenFaster", "fasterMargin");
  static final int MAX_AGREEMENT_WINDOW = 100_000;

  private PrecisionReader() {}

  static PrecisionConfig read(ConfigNode p, OutputKind output) {
    PrecisionConfig d = PrecisionConfig.DEFAULTS;
    p.allowOnly(KEYS);
    // Read in the order of KEYS, so that problems come out in the order the keys are documented.
    Mode mode = p.choice("mode", d.mode(), Mode::configName);
    Fp32Loading loading = p.choice("fp32Loading", d.fp32Loading(), Fp32Loading::configName);
    int shadowEvery = p.integer("shadowEvery", d.shadowEvery(), 0, 1_000_000);
    int window = p.integer("agreementWindow", d.agreementWindow(), 1, MAX_AGREEMENT_WINDOW);
    int minRuns = p.integer("minShadowRuns", d.minShadowRuns(), 1, MAX_AGREEMENT_WINDOW);
    if (p.has("minShadowRuns") && minRuns > window) {
      p.problem("minShadowRuns", "must be <= agreementWindow (" + window + "), got " + minRuns);
    }
    double escalateBelow = p.number("escalateBelow", d.escalateBelow(), 0, 1);
    if (escalateBelow > 0 && output != OutputKind.CLASSIFICATION) {
      p.problem("escalateBelow", "needs output: classification (a regressor has no confidence score)");
    }
    return new PrecisionConfig(mode, loading, shadowEvery, window, Math.min(minRuns, window), escalateBelow,
        p.bool("benchmarkAtStart", d.benchmarkAtStart()),
        p.integer("benchmarkRuns", d.benchmarkRuns(), 10, 1_000_000),
        worth(p.mapping("worth", false), output));
  }

  private static WorthConfig worth(ConfigNode w, OutputKind output) {
    WorthConfig d = WorthConfig.DEFAULTS;
    w.allowOnly(WORTH_KEYS);
    OptionalDouble differenceAbove = w.has("differenceAbove")
        ? OptionalDouble.of(w.number("differenceAbove", 0, 0, Double.MAX_VALUE)) : OptionalDouble.empty();
    if (differenceAbove.isPresent() && output != OutputKind.REGRESSION) {
      w.problem("differenceAbove", "is for output: regression; a classifier uses agreementBelow");
    }
    List<String> labels = w.strings("labels", d.labels(), s -> s.isBlank() ? "must not be empty" : null);
    if (!labels.isEmpty() && output != OutputKind.CLASSIFICATION) {
      w.problem("labels", "needs output: classification");
    }
    return new WorthConfig(
        w.bool("always", d.always()),
        w.number("agreementBelow", d.agreementBelow(), 0, 1),
        differenceAbove,
        labels,
        w.number("labelHoldSeconds", d.labelHoldSeconds(), 0, 86_400),
        w.bool("whenFaster", d.whenFaster()),
        w.number("fasterMargin", d.fasterMargin(), 0, 0.99));
  }

  /** A pipeline pinned to FP32, or escalating to it, needs a model with an FP32 file. */
  static void checkAgainstModels(ConfigNode root, Map<String, PipelineConfig> pipelines, Map<String, ModelConfig> models) {
    pipelines.forEach((name, p) -> {
      ModelConfig model = models.get(p.model());
      if (model == null || model.fp32().isPresent()) {
        return;
      }
      String at = "pipelines." + name + ".precision.";
      String why = " needs an FP32 variant, but models." + model.name() + " has no fp32 file";
      if (p.precision().mode() == Mode.FP32) {
        root.problemAt(at + "mode", "fp32" + why);
      }
      if (p.precision().escalateBelow() > 0) {
        root.problemAt(at + "escalateBelow", "escalation" + why);
      }
    });
  }
}
