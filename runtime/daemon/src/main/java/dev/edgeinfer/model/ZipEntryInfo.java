package dev.edgeinfer.model;

/**
 * One entry of a zip's central directory, as written there (nothing checked yet beyond the
 * directory's own structure). {@code dataOffset} is where its compressed bytes start, found from
 * its local header.
 */
record ZipEntryInfo(String name, int versionMadeBy, int flags, int method, long crc32, long compressedSize,
    long size, long externalAttributes, long localHeaderOffset, long dataOffset) {
  static final int STORED = 0;
  static final int DEFLATED = 8;
  private static final int HOST_UNIX = 3;
  private static final int S_IFMT = 0170000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFREG = 0100000;

  /** The unix mode (type and permissions) from the high 16 bits of the external attributes, 0 when none. */
  int unixMode() {
    return (int) (externalAttributes >>> 16) & 0xffff;
  }

  /**
   * Zip tools record a symlink as a unix-host entry with type {@code S_IFLNK} whose data is the
   * link target; extracting it with a tool that honours the mode would plant a link. We refuse the
   * mode whatever the host byte says, since some writers set it without claiming a unix host.
   */
  boolean isSymlink() {
    return (unixMode() & S_IFMT) == S_IFLNK;
  }

  /** A type other than a regular file (directory, device, fifo...), or a name ending in /. */
  boolean isSpecial() {
    int type = unixMode() & S_IFMT;
    return name.endsWith("/") || (type != 0 && type != S_IFREG) || (versionMadeBy >>> 8 != HOST_UNIX
        && (externalAttributes & 0x10) != 0);
  }

  boolean isEncrypted() {
    return (flags & 1) != 0;
  }
}
