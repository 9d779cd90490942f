package dev.edgeinfer.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a zip's central directory ourselves, within limits, instead of trusting
 * {@code java.util.zip}: it hides the unix mode (symlinks), accepts duplicate names, and believes
 * the sizes headers claim. Spec: PKWARE APPNOTE.TXT 6.3.x, sections 4.3.7 (local header), 4.3.12
 * (central directory header), 4.3.16 (end of central directory). Zip64 and multi-disk archives are
 * refused: a bundle is far below 4 GiB. Not thread-safe (reads through the caller's channel).
 */
final class ZipDirectory {
  private static final int EOCD_SIG = 0x06054b50;
  private static final int CEN_SIG = 0x02014b50;
  private static final int LOC_SIG = 0x04034b50;
  private static final int EOCD_SIZE = 22;
  private static final int CEN_SIZE = 46;
  private static final int LOC_SIZE = 30;
  private static final int UTF8_FLAG = 1 << 11;

  private ZipDirectory() {}

  /** Every entry of the zip in {@code channel}, in directory order, each with its data located. */
  static List<ZipEntryInfo> read(FileChannel channel, int maxEntries) throws IOException, BundleRejected {
    long fileSize = channel.size();
    ByteBuffer eocd = findEndOfDirectory(channel, fileSize);
    long eocdPos = eocd.getLong(EOCD_SIZE); // stashed by findEndOfDirectory, after the record itself
    int disk = u16(eocd, 4);
    int cdDisk = u16(eocd, 6);
    int entriesHere = u16(eocd, 8);
    int entries = u16(eocd, 10);
    long cdSize = u32(eocd, 12);
    long cdOffset = u32(eocd, 16);
    if (entries == 0xffff || cdSize == 0xffffffffL || cdOffset == 0xffffffffL) {
      throw new BundleRejected("too_large", "the bundle is a zip64 archive; bundles must be plain zip (< 4 GiB)");
    }
    if (disk != 0 || cdDisk != 0 || entriesHere != entries) {
      throw corrupt("a multi-disk (split) archive");
    }
    if (entries > maxEntries) {
      throw new BundleRejected("too_large", "the bundle has " + entries + " entries, over the limit of " + maxEntries);
    }
    if (cdOffset + cdSize > eocdPos) {
      throw corrupt("the central directory (" + cdSize + " bytes at " + cdOffset
          + ") runs past the end-of-directory record at " + eocdPos + " (truncated or damaged file)");
    }
    ByteBuffer cd = readFully(channel, cdOffset, (int) cdSize);
    List<ZipEntryInfo> out = new ArrayList<>(entries);
    int p = 0;
    for (int i = 0; i < entries; i++) {
      if (p + CEN_SIZE > cd.limit() || cd.getInt(p) != CEN_SIG) {
        throw corrupt("central directory entry " + i + " is missing or damaged");
      }
      int nameLen = u16(cd, p + 28);
      int extraLen = u16(cd, p + 30);
      int commentLen = u16(cd, p + 32);
      if (p + CEN_SIZE + nameLen + extraLen + commentLen > cd.limit()) {
        throw corrupt("central directory entry " + i + " runs past the directory");
      }
      byte[] nameBytes = new byte[nameLen];
      cd.get(p + CEN_SIZE, nameBytes);
      int flags = u16(cd, p + 8);
      String name = decodeName(nameBytes, (flags & UTF8_FLAG) != 0, i);
      long compressed = u32(cd, p + 20);
      long size = u32(cd, p + 24);
      long local = u32(cd, p + 42);
      if (compressed == 0xffffffffL || size == 0xffffffffL || local == 0xffffffffL || u16(cd, p + 34) == 0xffff) {
        throw new BundleRejected("too_large", name + ": a zip64 entry; bundles must be plain zip (< 4 GiB)");
      }
      long dataOffset = dataOffset(channel, local, nameBytes, name, cdOffset);
      if (dataOffset + compressed > cdOffset) {
        throw corrupt(name + ": its " + compressed + " compressed bytes run into the central directory"
            + " (truncated or damaged file)");
      }
      out.add(new ZipEntryInfo(name, u16(cd, p + 4), flags, u16(cd, p + 10), u32(cd, p + 16), compressed, size,
          u32(cd, p + 38), local, dataOffset));
      p += CEN_SIZE + nameLen + extraLen + commentLen;
    }
    checkNoOverlap(out);
    return out;
  }

  /** The last end-of-directory record whose comment length reaches exactly the end of the file. */
  private static ByteBuffer findEndOfDirectory(FileChannel channel, long fileSize) throws IOException, BundleRejected {
    if (fileSize < EOCD_SIZE) {
      throw corrupt("the file is " + fileSize + " bytes, too short to be a zip (truncated download?)");
    }
    int tail = (int) Math.min(fileSize, EOCD_SIZE + 0xffff);
    ByteBuffer buf = readFully(channel, fileSize - tail, tail);
    for (int i = tail - EOCD_SIZE; i >= 0; i--) {
      if (buf.getInt(i) == EOCD_SIG && u16(buf, i + 20) == tail - i - EOCD_SIZE) {
        ByteBuffer eocd = ByteBuffer.allocate(EOCD_SIZE + 8).order(ByteOrder.LITTLE_ENDIAN);
        eocd.put(0, buf, i, EOCD_SIZE);
        eocd.putLong(EOCD_SIZE, fileSize - tail + i);
        return eocd;
      }
    }
    throw corrupt("no end-of-central-directory record: not a zip, or truncated (an incomplete download?)");
  }

  /** Checks the local header agrees with the central one on the name, and returns where the data starts. */
  private static long dataOffset(FileChannel channel, long local, byte[] nameBytes, String name, long cdOffset)
      throws IOException, BundleRejected {
    if (local + LOC_SIZE > cdOffset) {
      throw corrupt(name + ": its local header offset " + local + " is outside the archive's data");
    }
    ByteBuffer loc = readFully(channel, local, LOC_SIZE);
    if (loc.getInt(0) != LOC_SIG) {
      throw corrupt(name + ": no local header at offset " + local);
    }
    int nameLen = u16(loc, 26);
    int extraLen = u16(loc, 28);
    if (local + LOC_SIZE + nameLen + extraLen > cdOffset) {
      throw corrupt(name + ": its local header runs into the central directory");
    }
    byte[] localName = new byte[nameLen];
    readFully(channel, local + LOC_SIZE, nameLen).get(0, localName);
    if (!Arrays.equals(localName, nameBytes)) {
      // Tools that extract from local headers would see another name than the one we checked.
      throw new BundleRejected("unsafe_path", name + ": the local header names it \""
          + new String(localName, StandardCharsets.ISO_8859_1) + "\" (two names for one entry)");
    }
    return local + LOC_SIZE + nameLen + extraLen;
  }

  /** Entries whose data overlaps (the "overlapping files" zip bomb) are refused. */
  private static void checkNoOverlap(List<ZipEntryInfo> entries) throws BundleRejected {
    List<ZipEntryInfo> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparingLong(ZipEntryInfo::localHeaderOffset));
    for (int i = 1; i < sorted.size(); i++) {
      ZipEntryInfo prev = sorted.get(i - 1);
      if (sorted.get(i).localHeaderOffset() < prev.dataOffset() + prev.compressedSize()) {
        throw new BundleRejected("too_large", sorted.get(i).name() + ": its data overlaps " + prev.name()
            + "'s (an overlapping-entries zip bomb)");
      }
    }
  }

  private static String decodeName(byte[] bytes, boolean utf8, int index) throws BundleRejected {
    if (!utf8) {
      // CP437 per the spec; any byte above 127 makes the name non-plain and so refused anyway.
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw corrupt("entry " + index + ": its name is flagged UTF-8 but is not");
    }
  }

  static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException, BundleRejected {
    ByteBuffer buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    while (buf.hasRemaining()) {
      int n = channel.read(buf, position + buf.position());
      if (n < 0) {
        throw corrupt("unexpected end of file at byte " + (position + buf.position()) + " (truncated?)");
      }
    }
    return buf.flip();
  }

  private static int u16(ByteBuffer b, int at) {
    return Short.toUnsignedInt(b.getShort(at));
  }

  private static long u32(ByteBuffer b, int at) {
    return Integer.toUnsignedLong(b.getInt(at));
  }

  static BundleRejected corrupt(String message) {
    return new BundleRejected("corrupt", message);
  }
}
