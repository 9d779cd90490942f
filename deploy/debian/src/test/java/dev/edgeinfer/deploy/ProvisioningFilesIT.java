package dev.edgeinfer.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files that put edgeinfer on a device: every shell script passes shellcheck, cloud-init
 * accepts the user-data, the config it writes is one edgeinfer accepts, and the install scripts
 * refuse bad arguments before they touch anything.
 */
class ProvisioningFilesIT {
  @TempDir Path tmp;

  /** Every file under deploy/ (builds aside) that starts with a shell's #! line. */
  private static List<Path> shellScripts() throws IOException {
    Path deploy = Build.repo().resolve("deploy");
    List<Path> scripts = new ArrayList<>();
    try (Stream<Path> files = Files.walk(deploy)) {
      for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("/target/")).toList()) {
        String head = new String(Files.readAllBytes(file), 0, (int) Math.min(Files.size(file), 32), java.nio.charset.StandardCharsets.ISO_8859_1);
        if (head.startsWith("#!/bin/sh") || head.startsWith("#!/bin/bash") || head.startsWith("#!/usr/bin/env bash")) {
          scripts.add(file);
        }
      }
    }
    return scripts;
  }

  @Test
  void shellcheck_passesEveryShellScript() throws IOException {
    List<Path> scripts = shellScripts();
    Path deploy = Build.repo().resolve("deploy");
    for (String expected : List.of("install.sh", "install-on-device.sh", "firstrun.sh", "debian/bin/edgeinfer",
        "debian/control/postinst", "debian/control/prerm", "debian/control/postrm")) {
      assertTrue(scripts.contains(deploy.resolve(expected)), expected + " not found among " + scripts);
    }
    List<String> command = new ArrayList<>(List.of(Proc.tool("shellcheck", "shellcheck"), "--severity=style"));
    scripts.forEach(s -> command.add(s.toString()));
    Proc.run(command).ok();
  }

  @Test
  void shellcheck_findsAMistake_soTheCheckAboveMeansSomething() throws IOException {
    Path bad = Files.writeString(tmp.resolve("bad.sh"), "#!/bin/sh\nrm -rf $1/\n");
    Proc.Result result = Proc.run(List.of(Proc.tool("shellcheck", "shellcheck"), bad.toString()));
    assertEquals(1, result.exit());
    assertTrue(result.out().contains("SC2086"), result.out());
  }

  @Test
  void cloudInit_acceptsTheUserData() {
    Path userData = Build.repo().resolve("deploy/cloud-init/user-data");
    Proc.Result schema = Proc.run(List.of(Proc.tool("cloud-init", "cloud-init"), "schema", "--config-file", userData.toString())).ok();
    assertTrue(schema.out().contains("Valid cloud-config"), schema.out());
  }

  @Test
  void cloudInit_writesAConfigEdgeinferAccepts_andRunsTheInstallerFromTheBootPartition() throws IOException {
    JsonNode userData = new ObjectMapper(new YAMLFactory()).readTree(Build.repo().resolve("deploy/cloud-init/user-data").toFile());
    String config = null;
    String credentials = null;
    for (JsonNode file : userData.get("write_files")) {
      switch (file.get("path").asText()) {
        case "/etc/edgeinfer/config.yaml" -> config = file.get("content").asText();
        case "/etc/edgeinfer/credentials" -> {
          credentials = file.get("content").asText();
          // Root only until install-on-device.sh hands it to the edgeinfer group.
          assertEquals("0600", file.get("permissions").asText());
        }
        default -> { }
      }
    }
    assertTrue(config != null, "user-data writes no /etc/edgeinfer/config.yaml");
    assertTrue(credentials != null && credentials.split("\n").length == 2, "username and password lines: " + credentials);
    assertTrue(userData.get("runcmd").toString().contains("/boot/firmware/edgeinfer/install-on-device.sh"), userData.get("runcmd").toString());

    // The models where the package puts them: unpack it and point the config there.
    Path root = tmp.resolve("root");
    Proc.run(List.of(Proc.tool("dpkg-deb", "dpkg"), "--extract", Build.deb().toString(), root.toString())).ok();
    Path login = Files.writeString(tmp.resolve("credentials"), credentials);
    Path checked = Files.writeString(tmp.resolve("config.yaml"), config
        .replace("/usr/share/edgeinfer/", root + "/usr/share/edgeinfer/")
        .replace("/etc/edgeinfer/credentials", login.toString()));
    Proc.Result check = Proc.run(List.of("java", "-jar", Build.jar().toString(), "check-config", checked.toString()));
    assertEquals(0, check.exit(), check.err());
  }

  @Test
  void installOnDevice_refusesMissingFilesBeforeDoingAnything() {
    Path script = Build.repo().resolve("deploy/install-on-device.sh");
    Proc.Result noArgs = Proc.run(List.of("sh", script.toString()));
    assertEquals(2, noArgs.exit());
    assertTrue(noArgs.err().startsWith("usage: install-on-device.sh PACKAGE.deb"), noArgs.err());

    Proc.Result missing = Proc.run(List.of("sh", script.toString(), Build.deb().toString(), "--config", tmp.resolve("none.yaml").toString()));
    assertEquals(2, missing.exit());
    assertEquals("install-on-device: " + tmp.resolve("none.yaml") + ": no such file\n", missing.err());
  }

  @Test
  void install_refusesBadArgumentsBeforeConnecting() {
    Path script = Build.repo().resolve("deploy/install.sh");
    Proc.Result noTarget = Proc.run(List.of("sh", script.toString()));
    assertEquals(2, noTarget.exit());
    assertTrue(noTarget.err().startsWith("usage: deploy/install.sh user@host"), noTarget.err());

    Proc.Result missing = Proc.run(List.of("sh", script.toString(), "pi@nowhere.invalid", "--config", tmp.resolve("none.yaml").toString()));
    assertEquals(2, missing.exit());
    assertEquals("install.sh: " + tmp.resolve("none.yaml") + ": no such file\n", missing.err());
  }
}
