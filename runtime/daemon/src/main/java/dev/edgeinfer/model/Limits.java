package dev.edgeinfer.model;

/**
 * What a bundle may cost before it is refused with {@code too_large}: its size on the wire, what
 * it inflates to in total, and how many entries it has. Checked before anything is extracted, and
 * the inflated size again while extracting (headers may lie).
 */
public record Limits(long maxBundleBytes, long maxUncompressedBytes, int maxEntries) {
  /** {@code updates.maxBundleBytes} and {@code updates.maxUncompressedBytes} defaults; 256 entries. */
  public static final Limits DEFAULTS = new Limits(64L << 20, 256L << 20, 256);
  /** manifest.json is read before its signature is checked, so it gets a small bound of its own. */
  public static final int MAX_MANIFEST_BYTES = 1 << 20;

  public Limits {
    if (maxBundleBytes < 1 || maxUncompressedBytes < 1 || maxEntries < 2) {
      throw new IllegalArgumentException("limits must be positive (and allow manifest.json and manifest.sig)");
    }
  }
}
