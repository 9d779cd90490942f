package dev.edgeinfer.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An empty Debian root for {@code dpkg --root=DIR --force-script-chrootless}: a dpkg database
 * and the account files a fresh system has (root only, or more). dpkg unpacks into it and runs
 * the package's maintainer scripts on this machine with {@code DPKG_ROOT=DIR}, so they must
 * write there and nowhere else; {@link #path} then shows what they did.
 */
final class DebRoot {
  private final Path dir;

  private DebRoot(Path dir) {
    this.dir = dir;
  }

  /** A root whose {@code /etc/group} holds {@code groupLines} after root's own line. */
  static DebRoot create(Path dir, List<String> groupLines) throws IOException {
    Files.createDirectories(dir.resolve("var/lib/dpkg/info"));
    Files.createDirectories(dir.resolve("var/lib/dpkg/updates"));
    Files.createDirectories(dir.resolve("var/log"));
    Files.writeString(dir.resolve("var/lib/dpkg/status"), "");
    Files.createDirectories(dir.resolve("etc"));
    Files.writeString(dir.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n");
    Files.writeString(dir.resolve("etc/group"), "root:x:0:\n" + String.join("", groupLines.stream().map(l -> l + "\n").toList()));
    Files.writeString(dir.resolve("etc/shadow"), "root:*:19000:0:99999:7:::\n");
    Files.writeString(dir.resolve("etc/gshadow"), "root:*::\n");
    return new DebRoot(dir);
  }

  Path path(String absolute) {
    return dir.resolve(absolute.substring(1));
  }

  /** dpkg with this root, the package's scripts run outside a chroot, the Java runtime not needed. */
  Proc.Result dpkg(Map<String, String> env, String... args) {
    List<String> command = new java.util.ArrayList<>(List.of(Proc.tool("dpkg", "dpkg"), "--root=" + dir,
        "--force-script-chrootless", "--force-depends", "--log=" + dir.resolve("var/log/dpkg.log")));
    command.addAll(List.of(args));
    return Proc.run(command, env);
  }

  Proc.Result install(Path deb) {
    return dpkg(Map.of(), "-i", deb.toString()).ok();
  }

  /** The line for {@code name} in this root's {@code /etc/passwd} or {@code /etc/group}, split at colons. */
  String[] entry(String file, String name) throws IOException {
    for (String line : Files.readAllLines(path("/etc/" + file))) {
      String[] fields = line.split(":", -1);
      if (fields[0].equals(name)) {
        return fields;
      }
    }
    return null;
  }

  int uid(String absolute) throws IOException {
    return (Integer) Files.getAttribute(path(absolute), "unix:uid", LinkOption.NOFOLLOW_LINKS);
  }

  int gid(String absolute) throws IOException {
    return (Integer) Files.getAttribute(path(absolute), "unix:gid", LinkOption.NOFOLLOW_LINKS);
  }

  int mode(String absolute) throws IOException {
    return (Integer) Files.getAttribute(path(absolute), "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
  }
}
