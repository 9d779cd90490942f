package dev.edgeinfer.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A zip writer for hostile test bundles: it writes whatever the test says into each header (unix
 * mode bits, sizes that lie, any name bytes), which {@code ZipOutputStream} refuses to do.
 * Layout per APPNOTE.TXT 4.3.7 / 4.3.12 / 4.3.16.
 */
final class RawZip {
  private final List<Entry> entries = new ArrayList<>();

  /** One entry; {@code declaredSize} < 0 means the true size. */
  record Entry(String name, byte[] data, boolean deflate, int unixMode, long declaredSize) {}

  RawZip add(String name, byte[] data) {
    return add(new Entry(name, data, true, 0100644, -1));
  }

  RawZip add(Entry e) {
    entries.add(e);
    return this;
  }

  byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream central = new ByteArrayOutputStream();
    for (Entry e : entries) {
      byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
      byte[] stored = e.deflate() ? deflate(e.data()) : e.data();
      CRC32 crc = new CRC32();
      crc.update(e.data());
      long size = e.declaredSize() >= 0 ? e.declaredSize() : e.data().length;
      int offset = out.size();
      ByteBuffer loc = le(30);
      loc.putInt(0x04034b50).putShort((short) 20).putShort((short) 0x800).putShort((short) (e.deflate() ? 8 : 0))
          .putShort((short) 0).putShort((short) 0x21).putInt((int) crc.getValue()).putInt(stored.length)
          .putInt((int) size).putShort((short) name.length).putShort((short) 0);
      out.writeBytes(loc.array());
      out.writeBytes(name);
      out.writeBytes(stored);
      ByteBuffer cen = le(46);
      cen.putInt(0x02014b50).putShort((short) (3 << 8 | 20)).putShort((short) 20).putShort((short) 0x800)
          .putShort((short) (e.deflate() ? 8 : 0)).putShort((short) 0).putShort((short) 0x21)
          .putInt((int) crc.getValue()).putInt(stored.length).putInt((int) size).putShort((short) name.length)
          .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0)
          .putInt(e.unixMode() << 16).putInt(offset);
      central.writeBytes(cen.array());
      central.writeBytes(name);
    }
    int cdOffset = out.size();
    out.writeBytes(central.toByteArray());
    ByteBuffer eocd = le(22);
    eocd.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size())
        .putShort((short) entries.size()).putInt(central.size()).putInt(cdOffset).putShort((short) 0);
    out.writeBytes(eocd.array());
    return out.toByteArray();
  }

  Path write(Path file) throws IOException {
    Files.write(file, bytes());
    return file;
  }

  static byte[] deflate(byte[] data) {
    Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
    d.setInput(data);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 * 1024];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }
}
