package dev.edgeinfer.pipeline;

import java.util.Map;

/**
 * One inference, ready to publish. {@code label}/{@code score}/{@code scores} for a classifier;
 * {@code values} for a regressor.
 */
public record InferenceResult(String pipeline, long seq, long windowEndMillis, String modelName, String modelVersion,
    String precision, String engine, double latencyMs, String label, double score, Map<String, Double> scores,
    float[] values) {}
