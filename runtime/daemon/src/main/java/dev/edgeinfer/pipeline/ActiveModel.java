package dev.edgeinfer.pipeline;

import dev.edgeinfer.config.ModelConfig;
import dev.edgeinfer.config.PipelineConfig;
import dev.edgeinfer.config.PipelineConfig.OutputKind;
import java.util.List;

/**
 * One model version as a pipeline runs it: its config (name, version, files), its loaded {@link
 * ModelVariants}, the classifier made from its labels, and the precision step over them. Built
 * by {@link #fit}, which checks that the model fits the pipeline (one input whose element count is
 * the preprocessing's feature count, labels matching the outputs): the same check at start and
 * for a model arriving in an update, so an update that would not fit is refused before it runs.
 *
 * <p>Immutable apart from the variants' precision selection; the pipeline thread runs it.
 */
public final class ActiveModel {
  private final ModelConfig model;
  private final ModelVariants variants;
  private final Classifier classifier;
  private final PrecisionStep step;

  private ActiveModel(ModelConfig model, ModelVariants variants, Classifier classifier, PrecisionStep step) {
    this.model = model;
    this.variants = variants;
    this.classifier = classifier;
    this.step = step;
  }

  /**
   * @param featureCount what the pipeline's preprocessing makes per window
   * @throws IllegalArgumentException naming the key and the mismatch when the model does not fit
   */
  public static ActiveModel fit(PipelineConfig config, ModelConfig model, ModelVariants variants, List<String> labels,
      int featureCount, AccuracyMonitor monitor) {
    var engine = variants.int8().engine();
    if (engine.inputs().size() != 1 || engine.outputs().isEmpty()) {
      throw new IllegalArgumentException("pipelines." + config.name() + ".model: " + model.name() + " has "
          + engine.inputs().size() + " inputs and " + engine.outputs().size()
          + " outputs; a pipeline feeds one input tensor and reads the first output");
    }
    if (featureCount != variants.int8().inputElements()) {
      throw new IllegalArgumentException("pipelines." + config.name() + ": preprocessing makes "
          + featureCount + " features but model " + model.name() + " takes " + engine.inputs().get(0));
    }
    Classifier classifier;
    try {
      classifier = config.output() == OutputKind.CLASSIFICATION
          ? new Classifier(labels, engine.outputs().get(0).elementCount()) : null;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("models." + model.name() + ".labels: " + e.getMessage(), e);
    }
    PrecisionStep step = new PrecisionStep(config.name(), variants, monitor, config.precision().shadowEvery(),
        config.precision().escalateBelow(), classifier);
    return new ActiveModel(model, variants, classifier, step);
  }

  public ModelConfig model() {
    return model;
  }

  public ModelVariants variants() {
    return variants;
  }

  /** Null for a regressor. */
  Classifier classifier() {
    return classifier;
  }

  PrecisionStep step() {
    return step;
  }
}
