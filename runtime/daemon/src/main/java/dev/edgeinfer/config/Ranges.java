package dev.edgeinfer.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Messages for values outside their range, naming the bound that was crossed. */
final class Ranges {

  private Ranges() {}

  /**
   * "must be 0, 1 or 2, got 5" for small ranges (listing beats bounds there); else the bound
   * crossed: "must be > 0, got 0" (integers, so {@code >= 1} reads better as {@code > 0}), "must
   * be >= 5, got 3", "must be <= 65535, got 70000".
   */
  static String integerMessage(long min, long max, JsonNode got) {
    if (max - min <= 3) {
      List<String> allowed = new ArrayList<>();
      for (long i = min; i <= max; i++) {
        allowed.add(Long.toString(i));
      }
      String last = allowed.remove(allowed.size() - 1);
      return "must be " + String.join(", ", allowed) + " or " + last + ", got " + got;
    }
    boolean tooSmall = got.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(min)) < 0;
    if (tooSmall) {
      return (min == 1 ? "must be > 0" : "must be >= " + min) + ", got " + got;
    }
    return "must be <= " + max + ", got " + got;
  }

  /** 100000 rather than 100000.0 */
  static String plain(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
