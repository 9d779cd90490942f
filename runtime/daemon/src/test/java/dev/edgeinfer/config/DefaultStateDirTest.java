package dev.edgeinfer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultStateDirTest {

  @TempDir Path tmp;

  @Test
  void choose_underSystemd_takesStateDirectory() {
    assertEquals(Path.of("/var/lib/edgeinfer-unit"),
        DefaultStateDir.choose(Map.of("STATE_DIRECTORY", "/var/lib/edgeinfer-unit"), tmp, tmp.resolve("home")));
  }

  @Test
  void choose_writableSystemDir_isTakenWithoutSystemd() throws Exception {
    Path system = Files.createDirectory(tmp.resolve("system"));
    assertEquals(system, DefaultStateDir.choose(Map.of("XDG_STATE_HOME", "/xdg"), system, tmp.resolve("home")));
  }

  @Test
  void choose_noSystemDir_fallsBackToXdgStateHome() {
    assertEquals(Path.of("/xdg/edgeinfer"),
        DefaultStateDir.choose(Map.of("XDG_STATE_HOME", "/xdg"), tmp.resolve("absent"), tmp.resolve("home")));
  }

  @Test
  void choose_noXdg_orARelativeOne_usesTheHomeFolder() {
    Path home = tmp.resolve("home");
    assertEquals(home.resolve(".local/state/edgeinfer"), DefaultStateDir.choose(Map.of(), tmp.resolve("absent"), home));
    assertEquals(home.resolve(".local/state/edgeinfer"),
        DefaultStateDir.choose(Map.of("XDG_STATE_HOME", "rel"), tmp.resolve("absent"), home));
  }
}
