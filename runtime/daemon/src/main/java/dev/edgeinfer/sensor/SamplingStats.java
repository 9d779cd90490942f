package dev.edgeinfer.sensor;

/**
 * How well a polled source keeps its rate: samples taken, sampling slots missed (a poll came so
 * late that later slots had passed), and how late polls start after their due time, in
 * microseconds (median and 99th percentile of recent polls, maximum since the start).
 */
public record SamplingStats(double rateHz, long samples, long missed, double jitterP50Us, double jitterP99Us,
    double jitterMaxUs) {}
