package dev.edgeinfer.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/firstrun.sh} run for real, as root, in a private mount namespace whose
 * {@code /boot}, {@code /etc/systemd/system} and {@code /var/lib} are folders of this test: what it
 * stages, the first-boot unit it writes and enables (checked by systemd-analyze), and how it
 * leaves the boot partition.
 */
class FirstrunIT {
  private static final String CMDLINE = "console=serial0,115200 console=tty1 root=PARTUUID=4e639091-02 rootfstype=ext4 fsck.repair=yes rootwait";
  private static final String FIRSTRUN_ARGS = " systemd.run=/boot/firmware/firstrun.sh systemd.run_success_action=reboot systemd.run_failure_action=reboot systemd.unit=kernel-command-line.target";

  @TempDir Path tmp;

  private Path boot() {
    return tmp.resolve("boot/firmware");
  }

  /** A boot partition as the user prepares it: the package, the installer, the config, a login. */
  private void prepareBootPartition(Path firstrunAt) throws IOException {
    Path folder = Files.createDirectories(boot().resolve("edgeinfer"));
    Files.copy(Build.deb(), folder.resolve(Build.deb().getFileName()));
    Files.copy(Build.repo().resolve("deploy/install-on-device.sh"), folder.resolve("install-on-device.sh"));
    Files.copy(Build.repo().resolve("deploy/debian/etc/config.yaml"), folder.resolve("config.yaml"));
    Files.writeString(folder.resolve("credentials"), "pi-lab-01\nsecret\n");
    Files.copy(Build.repo().resolve("deploy/firstrun.sh"), firstrunAt);
  }

  private Proc.Result runInNamespace(String script) throws IOException {
    Path units = Files.createDirectories(tmp.resolve("etc-systemd-system"));
    Path varLib = Files.createDirectories(tmp.resolve("var-lib"));
    String inside = "set -e; mount --bind " + tmp.resolve("boot") + " /boot; mount --bind " + units
        + " /etc/systemd/system; mount --bind " + varLib + " /var/lib; sh " + script;
    return Proc.run(List.of(Proc.tool("unshare", "util-linux"), "--mount", "--propagation", "private", "sh", "-c", inside));
  }

  @Test
  void fromCmdline_stagesTheFiles_enablesTheFirstBootUnit_andTakesItselfOut() throws IOException {
    prepareBootPartition(boot().resolve("firstrun.sh"));
    Files.writeString(boot().resolve("cmdline.txt"), CMDLINE + FIRSTRUN_ARGS + "\n");

    runInNamespace("/boot/firmware/firstrun.sh").ok();

    Path stage = tmp.resolve("var-lib/edgeinfer-firstboot");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stage)));
    for (String staged : List.of(Build.deb().getFileName().toString(), "install-on-device.sh", "config.yaml", "credentials", "run.sh")) {
      assertTrue(Files.exists(stage.resolve(staged)), "not staged: " + staged);
    }
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stage.resolve("credentials"))));
    assertFalse(Files.exists(boot().resolve("edgeinfer/credentials")), "the login is left on the FAT partition");

    String run = Files.readString(stage.resolve("run.sh"));
    String s = "/var/lib/edgeinfer-firstboot/";
    assertTrue(run.contains("sh " + s + "install-on-device.sh " + s + Build.deb().getFileName() + " --config " + s
        + "config.yaml --credentials " + s + "credentials\n"), run);
    Proc.run(List.of(Proc.tool("shellcheck", "shellcheck"), stage.resolve("run.sh").toString())).ok();

    Path unit = tmp.resolve("etc-systemd-system/edgeinfer-firstboot.service");
    Path wants = tmp.resolve("etc-systemd-system/multi-user.target.wants/edgeinfer-firstboot.service");
    assertEquals(Path.of("/etc/systemd/system/edgeinfer-firstboot.service"), Files.readSymbolicLink(wants));
    Proc.Result verify = Proc.run(List.of(Proc.tool("systemd-analyze", "systemd"), "--man=no", "verify", unit.toString()));
    assertEquals(0, verify.exit(), verify.err());
    assertEquals("", verify.err());
    assertTrue(Files.readString(unit).contains("After=network-online.target"), "apt needs the network");

    // The next boot is a normal one.
    assertEquals(CMDLINE + "\n", Files.readString(boot().resolve("cmdline.txt")));
    assertFalse(Files.exists(boot().resolve("firstrun.sh"), LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void fromTheImagersScript_stagesTheSame_butLeavesCmdlineAndItselfToThatScript() throws IOException {
    prepareBootPartition(boot().resolve("edgeinfer/firstrun.sh"));
    Files.writeString(boot().resolve("cmdline.txt"), CMDLINE + FIRSTRUN_ARGS + "\n");

    runInNamespace("/boot/firmware/edgeinfer/firstrun.sh").ok();

    assertTrue(Files.exists(tmp.resolve("var-lib/edgeinfer-firstboot/run.sh")));
    assertTrue(Files.isSymbolicLink(tmp.resolve("etc-systemd-system/multi-user.target.wants/edgeinfer-firstboot.service")));
    assertEquals(CMDLINE + FIRSTRUN_ARGS + "\n", Files.readString(boot().resolve("cmdline.txt")));
    assertTrue(Files.exists(boot().resolve("edgeinfer/firstrun.sh")));
  }

  @Test
  void withoutAConfig_installsNothingAndSaysWhy_butStillLetsTheBoardBootNormally() throws IOException {
    prepareBootPartition(boot().resolve("firstrun.sh"));
    Files.delete(boot().resolve("edgeinfer/config.yaml"));
    Files.writeString(boot().resolve("cmdline.txt"), CMDLINE + FIRSTRUN_ARGS + "\n");

    Proc.Result result = runInNamespace("/boot/firmware/firstrun.sh");

    assertEquals(1, result.exit());
    assertTrue(result.err().contains("needs edgeinfer_VERSION_all.deb and config.yaml; nothing installed"), result.err());
    assertFalse(Files.exists(tmp.resolve("etc-systemd-system/edgeinfer-firstboot.service")));
    // Not stuck in this early boot on every start: out of cmdline.txt all the same.
    assertEquals(CMDLINE + "\n", Files.readString(boot().resolve("cmdline.txt")));
  }
}
