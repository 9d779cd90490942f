package dev.edgeinfer.sensor;

/**
 * One reading of every channel of a source at one instant. {@code values} is owned by the sample
 * and not modified after creation.
 */
public record Sample(long epochMillis, float[] values) {}
