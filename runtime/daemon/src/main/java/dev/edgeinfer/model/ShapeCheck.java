package dev.edgeinfer.model;

import dev.edgeinfer.config.PipelineConfig;
import dev.edgeinfer.model.BundleManifest.Case;
import dev.edgeinfer.model.BundleManifest.InputSpec;
import dev.edgeinfer.pipeline.FeatureExtractor;
import dev.edgeinfer.pipeline.Precision;
import dev.edgeinfer.tflite.read.ModelDescription;
import dev.edgeinfer.tflite.read.TensorDescription;
import dev.edgeinfer.tflite.read.TensorTypes;
import java.util.List;
import java.util.Map;

/**
 * Do a bundle's parts fit together, and does it fit a pipeline? The INT8 and FP32 models take and
 * give tensors of the same element counts; the declared input (window, channels, preprocessing)
 * produces exactly the model's input; labels name one class per output element; self-test files
 * have the byte sizes of the tensors they stand for. Failures are {@code shape_mismatch}.
 */
public final class ShapeCheck {
  private ShapeCheck() {}

  static void check(BundleManifest m, Map<Precision, ModelDescription> models, List<String> labels)
      throws BundleRejected {
    ModelDescription int8 = models.get(Precision.INT8);
    ModelDescription fp32 = models.get(Precision.FP32);
    if (fp32 != null) {
      sameCounts("input", int8.inputTensors(), fp32.inputTensors(), m);
      sameCounts("output", int8.outputTensors(), fp32.outputTensors(), m);
    }
    if (m.input().isPresent()) {
      InputSpec in = m.input().get();
      int features;
      try {
        features = new FeatureExtractor(in.preprocessing(), in.windowSize(), in.channels()).featureCount();
      } catch (IllegalArgumentException e) {
        throw new BundleRejected("bad_manifest", "manifest.json: input: " + e.getMessage());
      }
      if (int8.inputTensors().size() != 1 || elements(int8.inputTensors().get(0)) != features) {
        throw new BundleRejected("shape_mismatch", m.int8Path() + ": the model's input "
            + describe(int8.inputTensors()) + " does not take the " + features + " features that input declares ("
            + in.windowSize() + " samples x " + in.channels() + " channels, " + in.preprocessing().features()
            .configName() + ")");
      }
    }
    if (!labels.isEmpty()) {
      long classes = int8.outputTensors().isEmpty() ? 0 : elements(int8.outputTensors().get(0));
      if (labels.size() != classes) {
        throw new BundleRejected("shape_mismatch", m.labels().orElseThrow() + ": names " + labels.size()
            + " labels but the model outputs " + classes + " values");
      }
    }
    List<BundleManifest.Vector> vectors = m.selfTest().vectors();
    for (int i = 0; i < vectors.size(); i++) {
      for (var e : vectors.get(i).cases().entrySet()) {
        ModelDescription model = models.get(e.getKey());
        String where = "selfTest.vectors[" + i + "]." + e.getKey().configName();
        Case c = e.getValue();
        sizes(m, where + ".inputs", c.inputs(), model.inputTensors());
        sizes(m, where + ".outputs", c.outputs(), model.outputTensors());
      }
    }
  }

  /**
   * Whether a bundle's declared input is what {@code pipeline} feeds its model: the same window size
   * and preprocessing (the hop only sets how often it runs). A bundle without {@code input} is
   * taken on its model's shape alone.
   */
  public static void checkPipeline(BundleManifest m, PipelineConfig pipeline) throws BundleRejected {
    if (m.input().isEmpty()) {
      return;
    }
    InputSpec in = m.input().get();
    if (in.windowSize() != pipeline.window().size() || !in.preprocessing().equals(pipeline.preprocessing())) {
      throw new BundleRejected("shape_mismatch", "manifest.json: input (window " + in.windowSize() + ", "
          + in.preprocessing() + ") differs from pipeline " + pipeline.name() + " (window " + pipeline.window().size()
          + ", " + pipeline.preprocessing() + ")");
    }
  }

  private static void sizes(BundleManifest m, String where, List<String> files, List<TensorDescription> tensors)
      throws BundleRejected {
    if (files.size() != tensors.size()) {
      throw new BundleRejected("shape_mismatch", "manifest.json: " + where + ": " + files.size()
          + " files for a model with " + tensors.size() + " tensors");
    }
    for (int j = 0; j < files.size(); j++) {
      long expected = elements(tensors.get(j)) * TensorTypes.elementBytes(tensors.get(j).type());
      long size = m.files().get(files.get(j)).size();
      if (size != expected) {
        throw new BundleRejected("shape_mismatch", files.get(j) + ": " + size + " bytes, but tensor "
            + tensors.get(j).name() + " " + tensors.get(j).typeName() + java.util.Arrays.toString(tensors.get(j).shape())
            + " takes " + expected);
      }
    }
  }

  private static void sameCounts(String what, List<TensorDescription> a, List<TensorDescription> b, BundleManifest m)
      throws BundleRejected {
    boolean same = a.size() == b.size();
    for (int i = 0; same && i < a.size(); i++) {
      same = elements(a.get(i)) == elements(b.get(i));
    }
    if (!same) {
      throw new BundleRejected("shape_mismatch", m.fp32Path().orElseThrow() + ": its " + what + "s " + describe(b)
          + " differ from the int8 model's " + describe(a));
    }
  }

  static long elements(TensorDescription t) {
    long n = 1;
    for (int d : t.shape()) {
      n *= d;
    }
    return n;
  }

  private static String describe(List<TensorDescription> tensors) {
    StringBuilder sb = new StringBuilder("[");
    for (TensorDescription t : tensors) {
      sb.append(sb.length() > 1 ? ", " : "").append(t.typeName()).append(java.util.Arrays.toString(t.shape()));
    }
    return sb.append(']').toString();
  }
}
