package dev.edgeinfer.testing;

import java.nio.file.Path;

/** The committed demo pair and its files, from wherever Maven runs the tests. */
public final class DemoModels {
  private DemoModels() {}

  public static Path dir() {
    return Conformance.repo().resolve("device-config/models");
  }

  public static Path int8() {
    return dir().resolve("vibration_int8.tflite");
  }

  public static Path fp32() {
    return dir().resolve("vibration_fp32.tflite");
  }

  public static Path labels() {
    return dir().resolve("vibration.labels");
  }

  public static Path heldOut() {
    return dir().resolve("vibration_heldout.csv");
  }
}
