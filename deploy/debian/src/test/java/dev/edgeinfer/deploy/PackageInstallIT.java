package dev.edgeinfer.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The package installed by the real dpkg into a fresh root ({@code dpkg --root}, its maintainer
 * scripts run with {@code DPKG_ROOT}): the user in gpio/i2c/spi, its state directory, the enabled
 * unit; then the administrator's choices surviving a reinstall, and purge with and without state.
 */
class PackageInstallIT {
  private static final String WANTS = "/etc/systemd/system/multi-user.target.wants/edgeinfer.service";

  @TempDir Path tmp;

  @Test
  void install_createsTheUserInItsGroups_ownsTheStateDirectory_andEnablesTheService() throws IOException {
    DebRoot root = DebRoot.create(tmp, List.of());
    root.install(Build.deb());
    assertInstalled(root);
    String status = root.dpkg(Map.of(), "--status", "edgeinfer").ok().out();
    assertTrue(status.contains("Status: install ok installed"), status);
  }

  @Test
  void install_onRaspberryPiOs_joinsItsExistingGroupsAndKeepsTheirIds() throws IOException {
    // As Raspberry Pi OS ships them: the device groups exist, the first user is in them.
    DebRoot root = DebRoot.create(tmp, List.of("gpio:x:997:pi", "i2c:x:998:pi", "spi:x:999:pi"));
    root.install(Build.deb());
    for (String[] expected : List.of(new String[] {"gpio", "997"}, new String[] {"i2c", "998"}, new String[] {"spi", "999"})) {
      String[] entry = root.entry("group", expected[0]);
      assertEquals(expected[1], entry[2], expected[0] + "'s id");
      assertEquals(java.util.Set.of("pi", "edgeinfer"), java.util.Set.of(entry[3].split(",")), expected[0] + "'s members");
    }
  }

  @Test
  void reinstall_keepsAServiceTheAdministratorDisabled() throws IOException {
    DebRoot root = DebRoot.create(tmp, List.of());
    root.install(Build.deb());
    Proc.run(List.of(Proc.tool("systemctl", "systemd"), "--root=" + tmp, "disable", "edgeinfer.service")).ok();
    assertFalse(Files.exists(root.path(WANTS), java.nio.file.LinkOption.NOFOLLOW_LINKS));

    root.install(Build.deb());

    assertFalse(Files.exists(root.path(WANTS), java.nio.file.LinkOption.NOFOLLOW_LINKS), "re-enabled on upgrade");
  }

  @Test
  void purge_removesConfigAndEnablement_butKeepsTheStateUnlessAsked() throws IOException {
    DebRoot root = DebRoot.create(tmp, List.of());
    root.install(Build.deb());
    Files.writeString(root.path("/var/lib/edgeinfer/outbox.db"), "results not yet delivered");
    Files.writeString(root.path("/etc/edgeinfer/credentials"), "pi-lab-01\nsecret\n");

    Proc.Result purge = root.dpkg(Map.of(), "--purge", "edgeinfer").ok();

    assertEquals("results not yet delivered", Files.readString(root.path("/var/lib/edgeinfer/outbox.db")));
    assertTrue(purge.err().contains("kept /var/lib/edgeinfer"), purge.err());
    assertFalse(Files.exists(root.path("/etc/edgeinfer")), "config and credentials removed");
    assertFalse(Files.exists(root.path(WANTS), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertFalse(Files.exists(root.path("/usr/share/edgeinfer/edgeinfer.jar")));
    assertNotNull(root.entry("passwd", "edgeinfer"), "system users stay, as Debian does");
  }

  @Test
  void purge_withEdgeinferPurgeState_removesTheState() throws IOException {
    DebRoot root = DebRoot.create(tmp, List.of());
    root.install(Build.deb());
    Files.writeString(root.path("/var/lib/edgeinfer/outbox.db"), "results");

    root.dpkg(Map.of("EDGEINFER_PURGE_STATE", "1"), "--purge", "edgeinfer").ok();

    assertFalse(Files.exists(root.path("/var/lib/edgeinfer")));
  }

  @Test
  void postinst_withoutSystemdSysusers_makesTheSameUserWithShadowsTools() throws IOException {
    // A minimal root without systemd: only the tools that every Debian system has on the PATH.
    DebRoot root = DebRoot.create(tmp.resolve("root"), List.of("i2c:x:120:"));
    Proc.run(List.of(Proc.tool("dpkg-deb", "dpkg"), "--extract", Build.deb().toString(), tmp.resolve("root").toString())).ok();
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    for (String tool : List.of("sh", "grep", "awk", "sed", "groupadd", "useradd", "usermod", "mkdir", "chown", "chmod",
        "deb-systemd-helper", "perl", "readlink", "ln", "rm", "cat")) {
      Files.createSymbolicLink(bin.resolve(tool), Path.of(Proc.tool(tool, "coreutils")));
    }
    Path postinst = tmp.resolve("postinst");
    Proc.run(List.of(Proc.tool("dpkg-deb", "dpkg"), "--control", Build.deb().toString(), tmp.resolve("control").toString())).ok();
    Files.copy(tmp.resolve("control/postinst"), postinst);

    Proc.Result run = Proc.run(List.of(bin.resolve("sh").toString(), postinst.toString(), "configure"), Map.of(
        "PATH", bin.toString(), "DPKG_ROOT", tmp.resolve("root").toString(),
        "DPKG_MAINTSCRIPT_PACKAGE", "edgeinfer", "DPKG_MAINTSCRIPT_NAME", "postinst")).ok();

    assertTrue(run.err().isEmpty(), run.err());
    assertInstalled(root);
    assertEquals("120", root.entry("group", "i2c")[2], "an existing group keeps its id");
  }

  /** What an installed package leaves: the user, its groups, its state directory, the enabled unit. */
  private static void assertInstalled(DebRoot root) throws IOException {
    String[] user = root.entry("passwd", "edgeinfer");
    assertNotNull(user, "no edgeinfer user");
    assertEquals("/var/lib/edgeinfer", user[5]);
    assertEquals("/usr/sbin/nologin", user[6]);
    int uid = Integer.parseInt(user[2]);
    assertTrue(uid > 0 && uid < 1000, "a system user: " + uid);
    for (String group : List.of("gpio", "i2c", "spi")) {
      String[] entry = root.entry("group", group);
      assertNotNull(entry, "no group " + group);
      assertTrue(List.of(entry[3].split(",")).contains("edgeinfer"), group + " members: " + entry[3]);
    }
    assertEquals(user[3], root.entry("group", "edgeinfer")[2], "its own primary group");

    assertEquals(uid, root.uid("/var/lib/edgeinfer"));
    assertEquals(Integer.parseInt(user[3]), root.gid("/var/lib/edgeinfer"));
    assertEquals(0750, root.mode("/var/lib/edgeinfer"));

    Path wants = root.path(WANTS);
    assertTrue(Files.isSymbolicLink(wants), "not enabled: no " + WANTS);
    assertEquals(Path.of("/usr/lib/systemd/system/edgeinfer.service"), Files.readSymbolicLink(wants));
  }
}
