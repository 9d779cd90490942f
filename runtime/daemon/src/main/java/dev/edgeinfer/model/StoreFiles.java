package dev.edgeinfer.model;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The file operations that make the store survive power loss. A rename is atomic on POSIX file
 * systems, but only durable once the directory holding it is fsynced, and a renamed file's content
 * only once the file itself was fsynced before the rename (ext4 with data=ordered usually does
 * that for you; other file systems and mount options do not). Stateless.
 */
final class StoreFiles {
  private StoreFiles() {}

  /** Writes {@code text} to {@code file} atomically: {@code file.tmp}, fsync, rename over, fsync the directory. */
  static void writeAtomically(Path file, String text, CrashPoint crash) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      ch.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
      crash.reached("write " + file.getFileName() + ".tmp, before fsync");
      ch.force(true);
    }
    crash.reached("write " + file.getFileName() + ".tmp, before rename");
    moveAtomically(tmp, file);
    crash.reached("rename " + file.getFileName() + ", before directory fsync");
    fsyncDir(file.getParent());
  }

  /** Deletes {@code file} if it exists, durably (the directory is fsynced). */
  static void deleteDurably(Path file, CrashPoint crash) throws IOException {
    if (Files.deleteIfExists(file)) {
      crash.reached("delete " + file.getFileName() + ", before directory fsync");
      fsyncDir(file.getParent());
    }
  }

  static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the state directory's file system cannot rename atomically (" + from + " -> " + to
          + "): the model store needs a local POSIX file system", e);
    }
  }

  /** Forces a directory's entries (new, renamed, deleted names) to storage. */
  static void fsyncDir(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  static void fsyncFile(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /** Fsyncs every file and directory under {@code root}, deepest first, then {@code root}. */
  static void fsyncTree(Path root) throws IOException {
    List<Path> dirs = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        fsyncFile(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        if (exc != null) {
          throw exc;
        }
        dirs.add(dir);
        return FileVisitResult.CONTINUE;
      }
    });
    for (Path d : dirs) {
      fsyncDir(d);
    }
  }

  /** Text of a small file, or null when it does not exist. */
  static String readOrNull(Path file) throws IOException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Deletes {@code root} and everything under it; nothing when it does not exist. Links are removed, not followed. */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        if (exc != null) {
          throw exc;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
