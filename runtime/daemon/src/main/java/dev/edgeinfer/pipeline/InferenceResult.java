package dev.edgeinfer.pipeline;

import java.util.Map;

/**
 * One inference, ready to publish. {@code label}/{@code score}/{@code scores} for a classifier;
 * {@code values} for a regressor. {@code precision} is the variant that produced the answer;
 * {@code escalated} means INT8 was not confident enough and this is the FP32 re-run's answer.
 */
public record InferenceResult(String pipeline, long seq, long windowEndMillis, String modelName, String modelVersion,
    String precision, String engine, double latencyMs, String label, double score, Map<String, Double> scores,
    float[] values, boolean escalated) {

  /** Not escalated. */
  public InferenceResult(String pipeline, long seq, long windowEndMillis, String modelName, String modelVersion,
      String precision, String engine, double latencyMs, String label, double score, Map<String, Double> scores,
      float[] values) {
    this(pipeline, seq, windowEndMillis, modelName, modelVersion, precision, engine, latencyMs, label, score, scores,
        values, false);
  }
}
