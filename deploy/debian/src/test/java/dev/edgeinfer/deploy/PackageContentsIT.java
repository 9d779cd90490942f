package dev.edgeinfer.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built .deb as dpkg reads it: every path with its mode and owner, the control fields, conffiles and scripts. */
class PackageContentsIT {
  private static final String ROOT_644 = "-rw-r--r-- root/root";
  private static final String ROOT_755 = "-rwxr-xr-x root/root";
  private static final String DIR = "drwxr-xr-x root/root";

  @TempDir Path tmp;

  @Test
  void contents_areExactlyTheInstalledFilesWithTheirModesAndOwners() {
    Map<String, String> expected = new TreeMap<>();
    for (String dir : List.of("/etc/", "/etc/default/", "/etc/edgeinfer/", "/usr/", "/usr/bin/", "/usr/lib/",
        "/usr/lib/systemd/", "/usr/lib/systemd/system/", "/usr/lib/sysusers.d/", "/usr/lib/tmpfiles.d/",
        "/usr/share/", "/usr/share/doc/", "/usr/share/doc/edgeinfer/", "/usr/share/edgeinfer/",
        "/usr/share/edgeinfer/models/", "/var/", "/var/lib/")) {
      expected.put(dir, DIR);
    }
    // Root-owned until postinst gives it to the edgeinfer user (which does not exist at unpack time).
    expected.put("/var/lib/edgeinfer/", "drwxr-x--- root/root");
    expected.put("/usr/bin/edgeinfer", ROOT_755);
    for (String file : List.of("/etc/default/edgeinfer", "/etc/edgeinfer/config.yaml",
        "/usr/lib/systemd/system/edgeinfer.service", "/usr/lib/sysusers.d/edgeinfer.conf",
        "/usr/lib/tmpfiles.d/edgeinfer.conf", "/usr/share/doc/edgeinfer/README.md",
        "/usr/share/edgeinfer/edgeinfer.jar", "/usr/share/edgeinfer/edgeinfer-config.schema.json")) {
      expected.put(file, ROOT_644);
    }
    for (String model : List.of("vibration", "motion", "room")) {
      expected.put("/usr/share/edgeinfer/models/" + model + "_int8.tflite", ROOT_644);
      expected.put("/usr/share/edgeinfer/models/" + model + "_fp32.tflite", ROOT_644);
      expected.put("/usr/share/edgeinfer/models/" + model + ".labels", ROOT_644);
    }

    Map<String, String> actual = new TreeMap<>();
    String listing = Proc.run(List.of(Proc.tool("dpkg-deb", "dpkg"), "--contents", Build.deb().toString())).ok().out();
    for (String line : listing.split("\n")) {
      // drwxr-xr-x root/root         0 2026-11-27 14:44 ./usr/
      String[] fields = line.trim().split("\\s+", 6);
      actual.put(fields[5].substring(1), fields[0] + " " + fields[1]);
    }
    assertEquals(expected, actual);
  }

  @Test
  void controlFields_nameAnArchitectureIndependentPackageThatNeedsJava17() {
    Proc.Result fields = Proc.run(List.of(Proc.tool("dpkg-deb", "dpkg"), "--field", Build.deb().toString(),
        "Package", "Version", "Architecture", "Depends", "Recommends")).ok();
    assertEquals(String.join("\n",
        "Package: edgeinfer",
        "Version: " + Build.version(),
        "Architecture: all",
        // Bookworm (Raspberry Pi OS 12) has openjdk-17; Trixie's 21 and 25 provide java17-runtime-headless.
        "Depends: openjdk-17-jre-headless | java17-runtime-headless",
        "Recommends: mosquitto") + "\n", fields.out());
    assertEquals("edgeinfer_" + Build.version() + "_all.deb", Build.deb().getFileName().toString());
  }

  @Test
  void conffiles_areTheConfigAndTheServiceEnvironment() {
    String conffiles = Proc.run(List.of(Proc.tool("dpkg-deb", "dpkg"), "--info", Build.deb().toString(), "conffiles")).ok().out();
    assertEquals("/etc/edgeinfer/config.yaml\n/etc/default/edgeinfer\n", conffiles);
  }

  @Test
  void maintainerScripts_areExecutableShellScriptsAndThereIsNoPreinst() throws IOException {
    Path control = tmp.resolve("control");
    Proc.run(List.of(Proc.tool("dpkg-deb", "dpkg"), "--control", Build.deb().toString(), control.toString())).ok();
    for (String script : List.of("postinst", "prerm", "postrm")) {
      Path file = control.resolve(script);
      assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), script);
      assertTrue(Files.readString(file).startsWith("#!/bin/sh\n"), script + " is a POSIX sh script");
      assertEquals(Files.readString(Build.repo().resolve("deploy/debian/control/" + script)), Files.readString(file), script);
    }
    assertFalse(Files.exists(control.resolve("preinst")));
    // dpkg-deb checks md5sums against the data when it builds; here: one line per regular file.
    long files = Files.readAllLines(control.resolve("md5sums")).size();
    assertEquals(18, files);
  }

  @Test
  void packagedFiles_areTheRepositorysAndTheJarIsTheDaemonsShadedJar() throws IOException {
    Path root = tmp.resolve("root");
    Proc.run(List.of(Proc.tool("dpkg-deb", "dpkg"), "--extract", Build.deb().toString(), root.toString())).ok();
    Path repo = Build.repo();
    Map<String, Path> sources = Map.of(
        "usr/share/edgeinfer/edgeinfer.jar", Build.jar(),
        "usr/bin/edgeinfer", repo.resolve("deploy/debian/bin/edgeinfer"),
        "etc/edgeinfer/config.yaml", repo.resolve("deploy/debian/etc/config.yaml"),
        "usr/lib/systemd/system/edgeinfer.service", repo.resolve("systemd/edgeinfer.service"),
        "usr/lib/sysusers.d/edgeinfer.conf", repo.resolve("systemd/edgeinfer.sysusers"),
        "usr/lib/tmpfiles.d/edgeinfer.conf", repo.resolve("systemd/edgeinfer.tmpfiles"),
        "usr/share/edgeinfer/models/vibration_int8.tflite", repo.resolve("device-config/models/vibration_int8.tflite"),
        "usr/share/doc/edgeinfer/README.md", repo.resolve("deploy/README.md"));
    sources.forEach((installed, source) -> {
      try {
        assertEquals(-1L, Files.mismatch(root.resolve(installed), source), installed + " differs from " + source);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }
}
