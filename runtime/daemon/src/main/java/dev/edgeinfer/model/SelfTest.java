package dev.edgeinfer.model;

import dev.edgeinfer.config.ModelConfig.EngineKind;
import dev.edgeinfer.engine.Engines;
import dev.edgeinfer.engine.InferenceEngine;
import dev.edgeinfer.engine.ModelLoadException;
import dev.edgeinfer.engine.TensorInfo;
import dev.edgeinfer.model.BundleManifest.Case;
import dev.edgeinfer.model.BundleManifest.Tolerance;
import dev.edgeinfer.model.BundleManifest.Vector;
import dev.edgeinfer.pipeline.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a bundle's self-test vectors on this device, on the engine the config asks for (opened the
 * way the daemon opens models, through {@link Engines}), and compares each output with the
 * expected one within the manifest's tolerance. The expected outputs were computed by the
 * pure-Java engine when the bundle was made; a device whose engine disagrees must not serve the
 * model. Each vector starts from the model's initial state. Stateless.
 */
public final class SelfTest {
  private SelfTest() {}

  public static SelfTestReport run(VerifiedBundle bundle, EngineKind kind) throws BundleRejected, IOException {
    return run(bundle.manifest(), bundle.dir(), kind);
  }

  public static SelfTestReport run(StoredVersion version, EngineKind kind) throws BundleRejected, IOException {
    return run(version.manifest(), version.dir(), kind);
  }

  /** {@code selftest_mismatch} naming the vector, output and element when an output is out of tolerance. */
  public static SelfTestReport run(BundleManifest m, Path dir, EngineKind kind) throws BundleRejected, IOException {
    Map<Precision, String> engines = new EnumMap<>(Precision.class);
    Map<Precision, Map<Integer, List<byte[]>>> outputs = new EnumMap<>(Precision.class);
    Map<Precision, List<TensorInfo>> outputInfos = new EnumMap<>(Precision.class);
    long maxInt = 0;
    double maxRel = 0;
    for (Precision p : m.precisions()) {
      Path model = dir.resolve(p == Precision.INT8 ? m.int8Path() : m.fp32Path().orElseThrow());
      try (InferenceEngine engine = Engines.open(model, Engines.Options.of(kind, 1))) {
        engines.put(p, engine.kind());
        outputInfos.put(p, engine.outputs());
        Map<Integer, List<byte[]>> results = new HashMap<>();
        List<Vector> vectors = m.selfTest().vectors();
        for (int v = 0; v < vectors.size(); v++) {
          Case c = vectors.get(v).cases().get(p);
          if (c == null) {
            continue;
          }
          List<byte[]> got = TensorValues.run(engine, read(dir, c.inputs(), engine.inputs(), v, p, "input"));
          List<byte[]> expected = read(dir, c.outputs(), engine.outputs(), v, p, "output");
          for (int j = 0; j < got.size(); j++) {
            double[] diff = compare(engine.outputs().get(j), expected.get(j), got.get(j), m.selfTest().tolerance(),
                "vector " + v + " " + p.configName() + " output " + j);
            maxInt = Math.max(maxInt, (long) diff[0]);
            maxRel = Math.max(maxRel, diff[1]);
          }
          results.put(v, got);
        }
        outputs.put(p, results);
      } catch (ModelLoadException e) {
        throw new BundleRejected("model_rejected", "the " + kind.configName() + " engine cannot run it: "
            + e.getMessage(), e);
      }
    }
    return new SelfTestReport(engines, m.selfTest().vectors().size(), maxInt, maxRel,
        agreement(outputs, outputInfos, m.selfTest().vectors()));
  }

  private static List<byte[]> read(Path dir, List<String> files, List<TensorInfo> tensors, int v, Precision p,
      String what) throws BundleRejected, IOException {
    if (files.size() != tensors.size()) {
      throw new BundleRejected("shape_mismatch", "vector " + v + " " + p.configName() + ": " + files.size() + " "
          + what + " files for a model with " + tensors.size() + " " + what + "s");
    }
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      byte[] bytes = Files.readAllBytes(dir.resolve(files.get(i)));
      if (bytes.length != tensors.get(i).byteSize()) {
        throw new BundleRejected("shape_mismatch", files.get(i) + ": " + bytes.length + " bytes, but " + what + " "
            + tensors.get(i) + " takes " + tensors.get(i).byteSize());
      }
      out.add(bytes);
    }
    return out;
  }

  /** Returns {max integer diff, max float relative diff}; throws at the first element out of tolerance. */
  static double[] compare(TensorInfo info, byte[] expected, byte[] got, Tolerance tol, String where)
      throws BundleRejected {
    int n = TensorValues.elements(info, expected);
    if (!TensorValues.isInteger(info.type())) {
      double scale = Float.MIN_NORMAL;
      for (int i = 0; i < n; i++) {
        scale = Math.max(scale, Math.abs(TensorValues.raw(info.type(), expected, i)));
      }
      double max = 0;
      for (int i = 0; i < n; i++) {
        double e = TensorValues.raw(info.type(), expected, i);
        double g = TensorValues.raw(info.type(), got, i);
        double rel = Double.isNaN(e) && Double.isNaN(g) ? 0 : Math.abs(g - e) / scale;
        if (!(rel <= tol.floatRelative())) {
          throw new BundleRejected("selftest_mismatch", where + " element " + i + ": expected " + (float) e + " got "
              + (float) g + " (tolerance " + tol.floatRelative() + " relative to " + (float) scale + ")");
        }
        max = Math.max(max, rel);
      }
      return new double[] {0, max};
    }
    long max = 0;
    for (int i = 0; i < n; i++) {
      long e = (long) TensorValues.raw(info.type(), expected, i);
      long g = (long) TensorValues.raw(info.type(), got, i);
      if (Math.abs(g - e) > tol.integerMaxAbsDiff()) {
        throw new BundleRejected("selftest_mismatch", where + " element " + i + ": expected " + e + " got " + g
            + " (tolerance " + tol.integerMaxAbsDiff() + " quantized unit(s))");
      }
      max = Math.max(max, Math.abs(g - e));
    }
    return new double[] {max, 0};
  }

  /**
   * Over the given vectors when there are any (real inputs are what agreement means something on),
   * else over the random ones, marked as such.
   */
  private static Optional<SelfTestReport.Agreement> agreement(Map<Precision, Map<Integer, List<byte[]>>> outputs,
      Map<Precision, List<TensorInfo>> infos, List<BundleManifest.Vector> manifestVectors) {
    boolean real = manifestVectors.stream().anyMatch(v -> !v.random());
    Map<Integer, List<byte[]>> int8 = outputs.get(Precision.INT8);
    Map<Integer, List<byte[]>> fp32 = outputs.get(Precision.FP32);
    if (int8 == null || fp32 == null) {
      return Optional.empty();
    }
    int vectors = 0;
    int agreed = 0;
    double absSum = 0;
    long count = 0;
    List<TensorInfo> qi = infos.get(Precision.INT8);
    List<TensorInfo> fi = infos.get(Precision.FP32);
    boolean classifier = !qi.isEmpty() && qi.get(0).elementCount() > 1;
    for (var e : int8.entrySet()) {
      List<byte[]> f = fp32.get(e.getKey());
      if (f == null || (real && manifestVectors.get(e.getKey()).random())) {
        continue;
      }
      vectors++;
      List<byte[]> q = e.getValue();
      if (classifier && TensorValues.argmax(qi.get(0), q.get(0)) == TensorValues.argmax(fi.get(0), f.get(0))) {
        agreed++;
      }
      for (int j = 0; j < Math.min(q.size(), f.size()); j++) {
        int n = Math.min(TensorValues.elements(qi.get(j), q.get(j)), TensorValues.elements(fi.get(j), f.get(j)));
        for (int i = 0; i < n; i++) {
          absSum += Math.abs(TensorValues.real(qi.get(j), q.get(j), i) - TensorValues.real(fi.get(j), f.get(j), i));
          count++;
        }
      }
    }
    if (vectors == 0) {
      return Optional.empty();
    }
    Optional<Double> top1 = classifier ? Optional.of((double) agreed / vectors) : Optional.empty();
    return Optional.of(new SelfTestReport.Agreement(vectors, real, top1, count == 0 ? 0 : absSum / count));
  }
}
