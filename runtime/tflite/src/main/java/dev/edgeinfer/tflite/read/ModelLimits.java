package dev.edgeinfer.tflite.read;

/**
 * Explicit limits on what a model file may declare, checked before anything is allocated for it.
 * The defaults are far above any model a Raspberry Pi-class board runs.
 */
public record ModelLimits(long maxFileBytes, int maxTensors, int maxOperators, int maxSubgraphs, int maxBuffers,
    int maxRank, int maxStringBytes, long maxTensorElements) {

  public static final ModelLimits DEFAULT =
      new ModelLimits(512L << 20, 100_000, 100_000, 1_000, 100_000, 8, 4096, 1L << 27);
}
