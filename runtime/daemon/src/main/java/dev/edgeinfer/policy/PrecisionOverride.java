package dev.edgeinfer.policy;

import dev.edgeinfer.pipeline.Precision;
import java.util.OptionalLong;

/**
 * A remote {@code precision/set}: this precision until the monotonic deadline (epoch {@code
 * untilMillis} for people), or for good when both are empty.
 */
public record PrecisionOverride(Precision precision, OptionalLong untilNanos, OptionalLong untilMillis) {

  public boolean expired(long nowNanos) {
    return untilNanos.isPresent() && nowNanos - untilNanos.getAsLong() >= 0;
  }
}
