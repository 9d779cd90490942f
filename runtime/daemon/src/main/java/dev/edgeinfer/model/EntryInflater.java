package dev.edgeinfer.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Copies one entry's data out of the zip, counting what comes out: an entry that inflates past the
 * size its central header declares is stopped right there ({@code too_large}), however small its
 * compressed form, so a lying header cannot make us write more than the limits allowed for. Short
 * output or a CRC that does not match is {@code corrupt}. Not thread-safe.
 */
final class EntryInflater {
  private static final int CHUNK = 16 * 1024;

  private EntryInflater() {}

  /** Writes the entry's bytes to {@code out}; returns how many. */
  static long copy(FileChannel zip, ZipEntryInfo e, OutputStream out) throws IOException, BundleRejected {
    if (e.isEncrypted()) {
      throw ZipDirectory.corrupt(e.name() + ": encrypted entries are not supported");
    }
    CRC32 crc = new CRC32();
    long written = switch (e.method()) {
      case ZipEntryInfo.STORED -> stored(zip, e, out, crc);
      case ZipEntryInfo.DEFLATED -> deflated(zip, e, out, crc);
      default -> throw ZipDirectory.corrupt(e.name() + ": compression method " + e.method()
          + " is not supported (only stored and deflate)");
    };
    if (written != e.size()) {
      throw ZipDirectory.corrupt(e.name() + ": " + written + " bytes of data, its header says " + e.size()
          + " (truncated or damaged)");
    }
    if (crc.getValue() != e.crc32()) {
      throw ZipDirectory.corrupt(e.name() + ": CRC-32 does not match its header (damaged)");
    }
    return written;
  }

  private static long stored(FileChannel zip, ZipEntryInfo e, OutputStream out, CRC32 crc)
      throws IOException, BundleRejected {
    if (e.compressedSize() != e.size()) {
      throw ZipDirectory.corrupt(e.name() + ": a stored entry whose sizes differ (" + e.compressedSize() + " vs "
          + e.size() + ")");
    }
    byte[] buf = new byte[CHUNK];
    long done = 0;
    while (done < e.size()) {
      int n = (int) Math.min(CHUNK, e.size() - done);
      ZipDirectory.readFully(zip, e.dataOffset() + done, n).get(buf, 0, n);
      crc.update(buf, 0, n);
      out.write(buf, 0, n);
      done += n;
    }
    return done;
  }

  private static long deflated(FileChannel zip, ZipEntryInfo e, OutputStream out, CRC32 crc)
      throws IOException, BundleRejected {
    Inflater inflater = new Inflater(true);
    try {
      byte[] in = new byte[CHUNK];
      byte[] buf = new byte[CHUNK];
      long consumed = 0;
      long produced = 0;
      boolean dummyGiven = false;
      while (!inflater.finished()) {
        if (inflater.needsInput()) {
          if (consumed < e.compressedSize()) {
            int n = (int) Math.min(CHUNK, e.compressedSize() - consumed);
            ByteBuffer chunk = ZipDirectory.readFully(zip, e.dataOffset() + consumed, n);
            chunk.get(in, 0, n);
            inflater.setInput(in, 0, n);
            consumed += n;
          } else if (!dummyGiven) {
            // zlib in raw mode may want one byte past the stream to notice its end (Inflater's javadoc).
            inflater.setInput(new byte[1], 0, 1);
            dummyGiven = true;
          } else {
            throw ZipDirectory.corrupt(e.name() + ": the deflate stream ends early (truncated)");
          }
        }
        int n = inflater.inflate(buf);
        if (n == 0 && inflater.needsDictionary()) {
          throw ZipDirectory.corrupt(e.name() + ": the deflate stream wants a preset dictionary");
        }
        produced += n;
        if (produced > e.size()) {
          throw new BundleRejected("too_large", e.name() + ": inflates past the " + e.size()
              + " bytes its header declares (a zip bomb or a damaged file); stopped there");
        }
        crc.update(buf, 0, n);
        out.write(buf, 0, n);
      }
      return produced;
    } catch (DataFormatException ex) {
      throw ZipDirectory.corrupt(e.name() + ": bad deflate data: " + ex.getMessage());
    } finally {
      inflater.end();
    }
  }
}
