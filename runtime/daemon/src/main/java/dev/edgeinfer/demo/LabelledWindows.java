package dev.edgeinfer.demo;

/**
 * Feature vectors with their class index (a {@code MachineState} ordinal). The arrays are shared,
 * not copied: whoever builds one hands it over and nobody modifies it afterwards.
 */
public record LabelledWindows(float[][] features, int[] labels) {

  public LabelledWindows {
    if (features.length != labels.length) {
      throw new IllegalArgumentException(features.length + " feature vectors but " + labels.length + " labels");
    }
  }

  public int size() {
    return labels.length;
  }
}
