package dev.edgeinfer.policy;

import dev.edgeinfer.pipeline.Precision;
import java.util.OptionalLong;

/**
 * What one variant of a model costs on this device, measured: file size, time to load (read,
 * check, build the interpreter), resident memory the load added (empty where /proc is not
 * readable), and latency of one inference (p50, p99 over {@code runs}).
 */
public record VariantCost(Precision precision, String engine, long fileBytes, double loadMillis,
    OptionalLong residentBytesAdded, double latencyP50Ms, double latencyP99Ms, int runs) {}
