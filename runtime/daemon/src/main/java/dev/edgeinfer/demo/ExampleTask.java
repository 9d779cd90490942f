package dev.edgeinfer.demo;

import java.util.List;

/**
 * A small classification task for an example device config: what the windows look like
 * ({@link #generate}), the labels, and the network's layer sizes. Each task generates its own
 * labelled windows from a seed, the way the vibration demo does.
 */
interface ExampleTask {

  /** The file stem: NAME_int8.tflite, NAME_fp32.tflite, NAME.labels. */
  String name();

  List<String> labels();

  int[] layerSizes();

  /** {@code count} labelled windows (raw features, as the pipeline hands them to the model). */
  LabelledWindows generate(long seed, int count);
}
