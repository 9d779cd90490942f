package dev.edgeinfer.update;

import dev.edgeinfer.config.ModelConfig;
import dev.edgeinfer.engine.ModelLoadException;
import dev.edgeinfer.pipeline.ActiveModel;
import dev.edgeinfer.pipeline.InferenceObserver;
import dev.edgeinfer.pipeline.ModelVariants;
import dev.edgeinfer.pipeline.Pipeline;
import dev.edgeinfer.policy.PrecisionPolicy;
import dev.edgeinfer.policy.VariantsLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts a model version into every pipeline that runs that model: {@link #prepare} loads it once
 * per pipeline (its engine setting, its precision loading) and checks that it fits the pipeline;
 * {@link #swap} hands it to the precision policy and then to the pipeline's {@link
 * dev.edgeinfer.pipeline.ModelSlot}, so the next window runs it.
 *
 * <p>Used by the update worker thread (and once at start); the pipelines keep running throughout.
 */
public final class ModelSwitcher {
  /** A version loaded and checked for each pipeline of its model, not yet running. */
  public record Prepared(ModelConfig model, List<Pipeline> pipelines, List<ActiveModel> models) implements AutoCloseable {
    /** Releases the loaded engines of a version that will not be swapped in. */
    @Override
    public void close() {
      models.forEach(m -> m.variants().close());
    }
  }

  private final List<Pipeline> pipelines;
  private final PrecisionPolicy policy;

  public ModelSwitcher(List<Pipeline> pipelines, PrecisionPolicy policy) {
    this.pipelines = List.copyOf(pipelines);
    this.policy = policy;
  }

  /** The pipelines running model {@code name}, in config order. */
  public List<Pipeline> pipelinesOf(String name) {
    return pipelines.stream().filter(p -> p.model().name().equals(name)).toList();
  }

  /** The config (name, version, files) model {@code name} currently runs with. */
  public ModelConfig running(String name) {
    return pipelinesOf(name).get(0).model();
  }

  /**
   * Loads {@code model} for each pipeline of its name and checks it fits.
   *
   * @throws UpdateFailure {@code incompatible} (does not fit, or lacks the FP32 variant the
   *     precision policy needs) or {@code model_rejected} (the engine refused to load it)
   */
  public Prepared prepare(ModelConfig model) throws UpdateFailure {
    List<Pipeline> users = pipelinesOf(model.name());
    List<ActiveModel> loaded = new ArrayList<>();
    try {
      List<String> labels = labels(model);
      for (Pipeline p : users) {
        if (policy.governs(p.name()) && model.fp32().isEmpty()) {
          throw new UpdateFailure("incompatible", "pipelines." + p.name()
              + " runs under the precision policy, which needs an fp32 model; the bundle has none");
        }
        ModelVariants variants;
        try {
          variants = VariantsLoader.open(model, p.config().precision());
        } catch (ModelLoadException e) {
          throw new UpdateFailure("model_rejected", "pipelines." + p.name() + ": " + e.getMessage(), e);
        }
        try {
          ActiveModel fitted = p.fit(model, variants, labels);
          if (policy.governs(p.name()) && fitted.variants().int8().outputElements()
              != p.variants().int8().outputElements()) {
            throw new IllegalArgumentException("pipelines." + p.name() + ": the model gives "
                + fitted.variants().int8().outputElements() + " outputs, the running one "
                + p.variants().int8().outputElements() + "; under the precision policy the output count is fixed"
                + " until a restart");
          }
          loaded.add(fitted);
        } catch (IllegalArgumentException e) {
          variants.close();
          throw new UpdateFailure("incompatible", e.getMessage(), e);
        }
      }
      return new Prepared(model, users, List.copyOf(loaded));
    } catch (UpdateFailure | RuntimeException e) {
      loaded.forEach(m -> m.variants().close());
      throw e;
    }
  }

  /** Every pipeline of the model runs the prepared version from its next window. */
  public void swap(Prepared prepared) {
    for (int i = 0; i < prepared.pipelines().size(); i++) {
      Pipeline p = prepared.pipelines().get(i);
      ActiveModel next = prepared.models().get(i);
      policy.modelSwapped(p.name(), next.model(), next.variants()); // first, so the first window has its precision
      p.slot().swap(next);
    }
  }

  /** Reports the inferences of every pipeline of model {@code name} to {@code observer} (NONE to stop). */
  public void observe(String name, InferenceObserver observer) {
    pipelinesOf(name).forEach(p -> p.slot().observe(observer));
  }

  private static List<String> labels(ModelConfig model) throws UpdateFailure {
    if (model.labels().isEmpty()) {
      return List.of();
    }
    try {
      return Files.readAllLines(model.labels().get(), StandardCharsets.UTF_8).stream().map(String::trim)
          .filter(l -> !l.isEmpty()).toList();
    } catch (IOException e) {
      throw new UpdateFailure("incompatible", "labels " + model.labels().get() + ": " + e.getMessage(), e);
    }
  }
}
