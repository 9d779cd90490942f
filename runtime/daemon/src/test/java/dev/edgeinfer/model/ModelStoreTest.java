package dev.edgeinfer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.config.ModelConfig;
import dev.edgeinfer.config.ModelConfig.EngineKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's operations on real files: install, activate, rollback, prune, the update journal. */
class ModelStoreTest {
  private static KeyPair key;
  @TempDir static Path bundles;
  @TempDir Path state;
  @TempDir Path tmp;

  @BeforeAll
  static void keys() {
    key = Ed25519Keys.generate();
  }

  private static Path bundle(String version) throws Exception {
    Path zip = bundles.resolve("vibration-" + version + ".zip");
    // Few files per version (fsyncs are what installs cost here).
    return Files.exists(zip) ? zip : TestBundles.small(bundles, version, key);
  }

  static VerifiedBundle verified(ModelStore store, Path zip) throws Exception {
    return new BundleVerifier(TrustedKeys.of(key.getPublic()), Limits.DEFAULTS, "0.1.0")
        .verify(zip, store.newStagingDir("vibration"));
  }

  private StoredVersion installAndActivate(ModelStore store, String version) throws Exception {
    StoredVersion v = store.install(verified(store, bundle(version)));
    store.activate("vibration", version);
    return v;
  }

  @Test
  void install_placesCompleteVersionWithManifestAndSignature() throws Exception {
    ModelStore store = new ModelStore(state, 3);
    StoredVersion v = store.install(verified(store, bundle("1")));
    assertEquals(state.resolve("models/vibration/versions/1"), v.dir());
    assertTrue(Files.isRegularFile(v.dir().resolve("manifest.json")));
    assertTrue(Files.isRegularFile(v.dir().resolve("manifest.sig")));
    assertEquals(null, VersionFiles.mismatch(v.dir(), v.manifest()));
    assertEquals(Optional.empty(), store.active("vibration"), "installing does not activate");
    try (var s = Files.list(state.resolve("models/vibration/versions"))) {
      assertEquals(List.of("1"), s.map(p -> p.getFileName().toString()).toList(), "no staging left behind");
    }
  }

  @Test
  void install_fromAnyDirectory_copiesTheFiles() throws Exception {
    ModelStore store = new ModelStore(state, 3);
    VerifiedBundle b = new BundleVerifier(TrustedKeys.of(key.getPublic()), Limits.DEFAULTS, "0.1.0")
        .verify(bundle("1"), tmp.resolve("elsewhere"));
    StoredVersion v = store.install(b);
    assertEquals(null, VersionFiles.mismatch(v.dir(), v.manifest()));
    assertTrue(Files.exists(tmp.resolve("elsewhere/int8.tflite")), "the caller's directory is left alone");
  }

  @Test
  void activateAndRollback_moveActiveAndPrevious() throws Exception {
    ModelStore store = new ModelStore(state, 5);
    installAndActivate(store, "1");
    installAndActivate(store, "2");
    installAndActivate(store, "3");
    assertEquals("3", store.active("vibration").orElseThrow().version());
    assertEquals("2", store.previous("vibration").orElseThrow().version());
    assertEquals("2", store.rollback("vibration").orElseThrow().version());
    assertEquals("2", store.active("vibration").orElseThrow().version());
    assertEquals("1", store.previous("vibration").orElseThrow().version(), "the one before is known from history");
    assertEquals("1", store.rollback("vibration").orElseThrow().version());
    assertEquals(Optional.empty(), store.previous("vibration"));
    // Nothing stored came before 1: the model goes back to its config's own files.
    assertEquals(Optional.empty(), store.rollback("vibration"));
    assertEquals(Optional.empty(), store.active("vibration"));
    StoreException e = assertThrows(StoreException.class, () -> store.rollback("vibration"));
    assertEquals("model vibration runs its config's files; there is nothing to roll back to", e.getMessage());
    assertEquals(Optional.empty(), store.active("vibration"), "a refused rollback changes nothing");
    assertEquals(List.of("1", "2", "3"), store.versions("vibration").stream().map(StoredVersion::version).toList());
  }

  @Test
  void pointers_areOneLineFilesNamingTheVersion() throws Exception {
    ModelStore store = new ModelStore(state, 3);
    installAndActivate(store, "1");
    installAndActivate(store, "2");
    assertEquals("2\n", Files.readString(state.resolve("models/vibration/active")));
    assertEquals("1\n", Files.readString(state.resolve("models/vibration/previous")));
  }

  @Test
  void commit_prunesToKeepVersions_neverActiveOrPrevious() throws Exception {
    ModelStore store = new ModelStore(state, 3);
    for (String v : List.of("1", "2", "3", "4", "5")) {
      store.beginUpdate("vibration", v, "r" + v);
      store.install(verified(store, bundle(v)));
      store.activate("vibration", v);
      store.commit("vibration");
    }
    assertEquals(List.of("3", "4", "5"), store.versions("vibration").stream().map(StoredVersion::version).toList());
    // Rolled back to 4 with 5 still there: pruning at the next commit keeps 4 (active) and 6's previous.
    store.rollback("vibration");
    store.beginUpdate("vibration", "6", "r6");
    store.install(verified(store, bundle("6")));
    store.activate("vibration", "6");
    store.commit("vibration");
    assertEquals("6", store.active("vibration").orElseThrow().version());
    assertEquals("4", store.previous("vibration").orElseThrow().version());
    assertEquals(List.of("4", "5", "6"), store.versions("vibration").stream().map(StoredVersion::version).toList());
  }

  @Test
  void installingTheSameVersionAgain_returnsIt_orRefusesDifferentFiles() throws Exception {
    ModelStore store = new ModelStore(state, 3);
    store.install(verified(store, bundle("1")));
    assertEquals("1", store.install(verified(store, bundle("1"))).version());
    Path other = tmp.resolve("other-1.zip");
    BundleWriter.Spec s = TestBundles.demoSpec("1");
    BundleWriter.write(new BundleWriter.Spec(s.name(), s.version(), s.int8(), Optional.empty(), s.labels(), s.input(),
        List.of(), 2, 7, s.minRuntimeVersion(), s.tolerance(), s.created()), other);
    BundleWriter.sign(other, key.getPrivate());
    BundleRejected e = assertThrows(BundleRejected.class, () -> store.install(verified(store, other)));
    assertEquals("version_exists", e.reason());
    assertTrue(e.getMessage().startsWith("vibration version 1 is already stored with different files"), e.getMessage());
    try (var s2 = Files.list(state.resolve("models/vibration/versions"))) {
      assertEquals(List.of("1"), s2.map(p -> p.getFileName().toString()).toList(), "the staged copies are removed");
    }
  }

  @Test
  void abandon_restoresThePointersAndDeletesTheNewVersion() throws Exception {
    ModelStore store = new ModelStore(state, 3);
    installAndActivate(store, "1");
    installAndActivate(store, "2");
    store.beginUpdate("vibration", "3", "req-9");
    store.install(verified(store, bundle("3")));
    store.markState("vibration", JournalState.TESTING);
    store.activate("vibration", "3");
    store.markState("vibration", JournalState.TRIAL);
    assertEquals(JournalState.TRIAL, store.pending("vibration").orElseThrow().state());
    assertEquals("2", store.abandon("vibration").orElseThrow().version());
    assertEquals("1", store.previous("vibration").orElseThrow().version());
    assertEquals(Optional.empty(), store.pending("vibration"));
    assertFalse(Files.exists(state.resolve("models/vibration/versions/3")));
  }

  @Test
  void beginUpdate_twice_isRefused() throws Exception {
    ModelStore store = new ModelStore(state, 3);
    store.beginUpdate("vibration", "3", "a");
    StoreException e = assertThrows(StoreException.class, () -> store.beginUpdate("vibration", "4", "b"));
    assertEquals("an update of vibration to version 3 (request a) is in progress", e.getMessage());
  }

  @Test
  void recover_afterDeathInTrial_restoresPreviousAndSaysWhy() throws Exception {
    ModelStore store = new ModelStore(state, 3);
    installAndActivate(store, "1");
    store.beginUpdate("vibration", "2", "req-7");
    store.install(verified(store, bundle("2")));
    store.activate("vibration", "2");
    store.markState("vibration", JournalState.TRIAL);
    // The process dies here; a new one starts:
    List<Recovery> done = new ModelStore(state, 3).recover();
    assertEquals(List.of(new Recovery("vibration", Optional.of("1"), "2", Optional.of("req-7"),
        Optional.of(JournalState.TRIAL), "process died during trial")), done);
    assertEquals("1", store.active("vibration").orElseThrow().version());
    assertEquals(Optional.empty(), store.previous("vibration"));
    assertEquals(List.of(), new ModelStore(state, 3).recover(), "a second start has nothing to do");
  }

  @Test
  void recover_afterDeathOfTheFirstEverUpdate_leavesNoActiveVersion() throws Exception {
    ModelStore store = new ModelStore(state, 3);
    store.beginUpdate("vibration", "1", "first");
    store.install(verified(store, bundle("1")));
    store.markState("vibration", JournalState.TESTING);
    List<Recovery> done = new ModelStore(state, 3).recover();
    assertEquals(Optional.empty(), done.get(0).restoredVersion());
    assertEquals("process died during testing", done.get(0).reason());
    assertEquals(Optional.empty(), store.active("vibration"));
    assertEquals(List.of(), store.versions("vibration"));
  }

  @Test
  void recover_withDamagedActiveFiles_fallsBackToPrevious() throws Exception {
    ModelStore store = new ModelStore(state, 3);
    installAndActivate(store, "1");
    StoredVersion two = installAndActivate(store, "2");
    byte[] model = Files.readAllBytes(two.int8());
    model[100] ^= 0x40;
    Files.write(two.int8(), model);
    List<Recovery> done = new ModelStore(state, 3).recover();
    assertEquals(1, done.size());
    assertEquals(Optional.of("1"), done.get(0).restoredVersion());
    assertEquals("version 2 is damaged (int8.tflite does not match its SHA-256)", done.get(0).reason());
    assertEquals("1", store.active("vibration").orElseThrow().version());
    assertFalse(Files.exists(two.dir()), "the damaged version is deleted");
  }

  @Test
  void recover_removesStagingTrashAndTemporaryFiles() throws Exception {
    ModelStore store = new ModelStore(state, 3);
    installAndActivate(store, "1");
    Path models = state.resolve("models/vibration");
    Path staging = store.newStagingDir("vibration");
    Files.write(staging.resolve("int8.tflite"), new byte[10]); // half a copy
    Files.createDirectories(models.resolve("versions/.trash-0-x"));
    Files.writeString(models.resolve("active.tmp"), "2"); // a pointer write cut before its rename
    assertEquals(List.of(), new ModelStore(state, 3).recover());
    try (var s = Files.list(models.resolve("versions"))) {
      assertEquals(List.of("1"), s.map(p -> p.getFileName().toString()).toList());
    }
    assertFalse(Files.exists(models.resolve("active.tmp")));
    assertEquals("1", store.active("vibration").orElseThrow().version());
  }

  @Test
  void toModelConfig_pointsTheConfigAtTheStoredFiles() throws Exception {
    ModelStore store = new ModelStore(state, 3);
    StoredVersion v = store.install(verified(store, TestBundles.demo(tmp, "4", key)));
    ModelConfig base = new ModelConfig("vibration", "1", Path.of("/old/int8.tflite"), Optional.empty(),
        Optional.empty(), EngineKind.JAVA, 2);
    ModelConfig c = v.toModelConfig(base);
    assertEquals(new ModelConfig("vibration", "4", v.dir().resolve("int8.tflite"),
        Optional.of(v.dir().resolve("fp32.tflite")), Optional.of(v.dir().resolve("labels.txt")), EngineKind.JAVA, 2), c);
  }

  @Test
  void models_listsEachModelDirectory() throws Exception {
    ModelStore store = new ModelStore(state, 3);
    assertEquals(java.util.Set.of(), store.models());
    installAndActivate(store, "1");
    assertEquals(java.util.Set.of("vibration"), store.models());
  }

  @Test
  void unsafeModelName_isAProgrammingError() {
    ModelStore store = new ModelStore(state, 3);
    assertThrows(IllegalArgumentException.class, () -> store.active("../etc"));
    assertThrows(IllegalArgumentException.class, () -> new ModelStore(state, 1));
  }
}
