package dev.edgeinfer.model;

import dev.edgeinfer.system.Version;
import java.util.regex.Pattern;

/**
 * Compares a bundle's {@code minRuntimeVersion} with this runtime's version: dotted numbers,
 * compared number by number ({@code 0.10.0 > 0.9.1}); a suffix such as {@code -SNAPSHOT} is
 * ignored. A build run from classes reports {@code dev} and counts as newer than any release,
 * so that a developer can install any bundle.
 */
public final class RuntimeVersion {
  private static final Pattern VALID = Pattern.compile("\\d{1,9}(\\.\\d{1,9}){0,3}(-[A-Za-z0-9.]{1,32})?");
  public static final String DEV = "dev";

  private RuntimeVersion() {}

  public static String current() {
    return Version.current();
  }

  public static boolean isValid(String v) {
    return v != null && VALID.matcher(v).matches();
  }

  /** True when a runtime of version {@code runtime} may run a bundle that needs {@code required}. */
  public static boolean satisfies(String runtime, String required) {
    if (runtime.equals(DEV)) {
      return true;
    }
    if (!isValid(runtime)) {
      return false;
    }
    return compare(runtime, required) >= 0;
  }

  static int compare(String a, String b) {
    String[] x = a.split("-", 2)[0].split("\\.");
    String[] y = b.split("-", 2)[0].split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long xi = i < x.length ? Long.parseLong(x[i]) : 0;
      long yi = i < y.length ? Long.parseLong(y[i]) : 0;
      if (xi != yi) {
        return Long.compare(xi, yi);
      }
    }
    return 0;
  }
}
