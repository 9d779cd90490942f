package dev.edgeinfer.tflite.read;

/** An operator as the file declares it: its builtin (or custom) name, version, and tensor indices (-1: omitted optional input). */
public record OperatorDescription(int index, String opName, int version, int[] inputs, int[] outputs) {}
