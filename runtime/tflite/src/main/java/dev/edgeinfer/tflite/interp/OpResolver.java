package dev.edgeinfer.tflite.interp;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The explicit table of operators the engine runs, by builtin operator name. A model with an
 * operator that is not here fails to load, naming it.
 */
public final class OpResolver {
  private final Map<String, Kernel> kernels = new TreeMap<>();

  public OpResolver register(String opName, Kernel kernel) {
    if (kernels.putIfAbsent(opName, kernel) != null) {
      throw new IllegalArgumentException(opName + " is registered twice");
    }
    return this;
  }

  public Optional<Kernel> find(String opName) {
    return Optional.ofNullable(kernels.get(opName));
  }

  public java.util.Set<String> operators() {
    return java.util.Collections.unmodifiableSet(kernels.keySet());
  }
}
