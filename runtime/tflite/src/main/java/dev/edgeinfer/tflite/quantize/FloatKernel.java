package dev.edgeinfer.tflite.quantize;

import dev.edgeinfer.tflite.graph.ModelGraph;
import dev.edgeinfer.tflite.graph.Operator;

/**
 * The float reference math of one operator, used only to observe activation ranges during
 * calibration. {@code values} holds one array per tensor index (constants already filled in);
 * the kernel reads its inputs there and stores fresh arrays for its outputs.
 */
interface FloatKernel {

  /** Checks shapes and types once, so a bad graph fails before any calibration runs. */
  void check(ModelGraph graph, Operator op);

  void eval(ModelGraph graph, Operator op, float[][] values);
}
