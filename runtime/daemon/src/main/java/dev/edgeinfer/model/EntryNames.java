package dev.edgeinfer.model;

import java.util.regex.Pattern;

/**
 * Which zip entry names are safe to extract. A name is untrusted bytes: it may climb out of the
 * extraction directory ({@code ../x}), be absolute ({@code /etc/x}, {@code C:x}, {@code \\host\x}),
 * hide a separator the JDK would honour on another OS (backslash), or truncate in native code (NUL).
 */
final class EntryNames {
  static final String MANIFEST = "manifest.json";
  static final String SIGNATURE = "manifest.sig";
  /** Bundle paths: up to four segments of a small charset, so they are also safe file names everywhere. */
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._-]{1,100}(/[A-Za-z0-9._-]{1,100}){0,3}");

  private EntryNames() {}

  /** Null when {@code name} is safe to resolve under a directory, else what is wrong with it. */
  static String problem(String name) {
    if (name.isEmpty()) {
      return "empty entry name";
    }
    if (name.indexOf('\0') >= 0) {
      return "entry name contains a NUL byte";
    }
    if (name.indexOf('\\') >= 0) {
      return "entry name contains a backslash (a path separator on Windows)";
    }
    if (name.startsWith("/")) {
      return "absolute entry name";
    }
    if (name.length() >= 2 && name.charAt(1) == ':') {
      return "entry name starts with a drive letter";
    }
    // A directory entry ends in "/": not unsafe in itself (it is refused as not a regular file).
    String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..")) {
        return "entry name climbs out of the bundle with ..";
      }
      if (segment.equals(".") || segment.isEmpty()) {
        return "entry name has an empty or . segment";
      }
    }
    return null;
  }

  static boolean isPlain(String name) {
    return PLAIN.matcher(name).matches();
  }

  static boolean isReserved(String name) {
    return name.equals(MANIFEST) || name.equals(SIGNATURE);
  }
}
