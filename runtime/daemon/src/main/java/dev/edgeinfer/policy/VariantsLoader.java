package dev.edgeinfer.policy;

import dev.edgeinfer.config.ModelConfig;
import dev.edgeinfer.config.PrecisionConfig;
import dev.edgeinfer.config.PrecisionConfig.Fp32Loading;
import dev.edgeinfer.engine.Engines;
import dev.edgeinfer.engine.InferenceEngine;
import dev.edgeinfer.engine.ModelLoadException;
import dev.edgeinfer.pipeline.ModelVariant;
import dev.edgeinfer.pipeline.ModelVariants;
import dev.edgeinfer.pipeline.Precision;

/**
 * Opens a pipeline's model as {@link ModelVariants}: INT8 now; FP32 now ({@code fp32Loading:
 * eager}, the default) or when the policy first needs it ({@code lazy}, for boards where memory
 * is tight); INT8 only when the model has no FP32 file.
 */
public final class VariantsLoader {
  private VariantsLoader() {}

  public static ModelVariants open(ModelConfig model, PrecisionConfig precision) throws ModelLoadException {
    Engines.Options options = Engines.Options.of(model.engine(), model.threads());
    InferenceEngine int8Engine = Engines.open(model.int8(), options);
    try {
      ModelVariant int8 = new ModelVariant(Precision.INT8, int8Engine);
      if (model.fp32().isEmpty()) {
        return ModelVariants.int8Only(int8);
      }
      ModelVariants.Fp32Loader loader = () -> {
        InferenceEngine e = Engines.open(model.fp32().get(), options);
        try {
          return new ModelVariant(Precision.FP32, e);
        } catch (IllegalArgumentException bad) {
          e.close();
          throw new ModelLoadException(model.fp32().get(), bad.getMessage());
        }
      };
      if (precision.fp32Loading() == Fp32Loading.LAZY) {
        return ModelVariants.lazy(int8, loader);
      }
      ModelVariant fp32 = loader.load();
      try {
        return ModelVariants.both(int8, fp32);
      } catch (IllegalArgumentException e) {
        fp32.engine().close();
        throw new ModelLoadException(model.fp32().get(), "models." + model.name() + ".fp32: " + e.getMessage());
      }
    } catch (ModelLoadException | RuntimeException e) {
      int8Engine.close();
      throw e;
    }
  }
}
