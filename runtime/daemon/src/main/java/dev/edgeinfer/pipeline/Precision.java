package dev.edgeinfer.pipeline;

import java.util.Locale;

/** The two variants of a model: the quantized one and its floating-point twin. */
public enum Precision {
  INT8, FP32;

  /** {@code int8} or {@code fp32}, as results, events and commands spell it. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public Precision other() {
    return this == INT8 ? FP32 : INT8;
  }

  /** The precision named {@code int8} or {@code fp32}; IllegalArgumentException for anything else. */
  public static Precision fromConfigName(String name) {
    for (Precision p : values()) {
      if (p.configName().equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("precision must be int8 or fp32, got \"" + name + "\"");
  }
}
