package dev.edgeinfer.config;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * {@code pipelines.NAME.precision}: the per-pipeline half of the precision policy, for a model
 * with an FP32 twin. {@code mode} {@code auto} lets the rules decide; {@code int8}/{@code fp32}
 * pin it (a remote {@code precision/set} still overrides). Shadow runs of the other variant
 * every {@code shadowEvery} windows measure agreement; an INT8 result whose top score is below
 * {@code escalateBelow} is re-run in FP32. Immutable.
 */
public record PrecisionConfig(
    Mode mode, Fp32Loading fp32Loading, int shadowEvery, int agreementWindow, int minShadowRuns,
    double escalateBelow, boolean benchmarkAtStart, int benchmarkRuns, WorthConfig worth) {

  public static final PrecisionConfig DEFAULTS = new PrecisionConfig(Mode.AUTO, Fp32Loading.EAGER, 10, 100, 20, 0,
      true, 200, WorthConfig.DEFAULTS);

  /**
   * {@code precision.worth}: FP32, when allowed, is used while any of these holds. {@code
   * agreementBelow} (0 = off) is for classifiers, {@code differenceAbove} (absent = off) for
   * regressors; {@code labels} are labels that matter: seeing one as the top label makes FP32
   * worth it for {@code labelHoldSeconds}; {@code whenFaster} takes FP32 when the startup
   * benchmark measured its median latency at least {@code fasterMargin} below INT8's.
   */
  public record WorthConfig(boolean always, double agreementBelow, OptionalDouble differenceAbove, List<String> labels,
      double labelHoldSeconds, boolean whenFaster, double fasterMargin) {

    public static final WorthConfig DEFAULTS =
        new WorthConfig(false, 0.9, OptionalDouble.empty(), List.of(), 30, false, 0.1);

    public WorthConfig {
      labels = List.copyOf(labels);
    }
  }

  public enum Mode {
    AUTO, INT8, FP32;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code eager}: both variants loaded at start. {@code lazy}: FP32 loaded the first time the policy needs it. */
  public enum Fp32Loading {
    EAGER, LAZY;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
