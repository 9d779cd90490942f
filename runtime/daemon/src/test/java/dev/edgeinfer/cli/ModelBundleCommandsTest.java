package dev.edgeinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.model.BundleVerifier;
import dev.edgeinfer.model.Ed25519Keys;
import dev.edgeinfer.model.Limits;
import dev.edgeinfer.model.ModelStore;
import dev.edgeinfer.model.TrustedKeys;
import dev.edgeinfer.testing.CliRun;
import dev.edgeinfer.testing.DemoModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline model CLI end to end, in-process: keygen, bundle (the demo models), sign, verify,
 * then the bundles installed into a store, listed and rolled back from the command line.
 */
class ModelBundleCommandsTest {
  @TempDir Path tmp;

  private static List<String> bundleArgs(String version, Path out, String... more) {
    List<String> args = new ArrayList<>(List.of("model", "bundle", "--name", "vibration", "--version", version,
        "--int8", DemoModels.int8().toString(), "--fp32", DemoModels.fp32().toString(),
        "--labels", DemoModels.labels().toString(), "--window", "128", "--hop", "64", "--channels", "3",
        "--preprocessing", "normalize=remove-mean,features=band-energies,bands=8,logScale=true",
        "--selftest-random", "2", "--seed", "5", "-o", out.toString()));
    args.addAll(List.of(more));
    return args;
  }

  private static CliRun run(List<String> args) {
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void keygenBundleVerify_thenInstallListRollback() throws Exception {
    CliRun keygen = CliRun.of("model", "keygen", "-o", tmp.resolve("fleet").toString());
    assertEquals(0, keygen.exitCode(), keygen.err());
    Path key = tmp.resolve("fleet.key");
    Path pub = tmp.resolve("fleet.pub");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    String keyId = Ed25519Keys.keyId(Ed25519Keys.readPublic(pub));
    assertTrue(keygen.out().contains("key id " + keyId), keygen.out());

    Path v1 = tmp.resolve("v1.zip");
    CliRun bundle1 = run(bundleArgs("1", v1, "--key", key.toString()));
    assertEquals(0, bundle1.exitCode(), bundle1.err());
    assertTrue(bundle1.out().contains(v1 + ": signed by key " + keyId), bundle1.out());
    // Unsigned first, then signed by `model sign`.
    Path v2 = tmp.resolve("v2.zip");
    CliRun bundle2 = run(bundleArgs("2", v2));
    assertEquals(0, bundle2.exitCode(), bundle2.err());
    assertTrue(bundle2.out().contains("not signed"), bundle2.out());
    CliRun unsigned = CliRun.of("model", "verify", "--trusted", pub.toString(), v2.toString());
    assertEquals(2, unsigned.exitCode());
    assertTrue(unsigned.err().startsWith(v2 + ": rejected (unsigned): "), unsigned.err());
    CliRun sign = CliRun.of("model", "sign", "--key", key.toString(), v2.toString());
    assertEquals(0, sign.exitCode(), sign.err());

    CliRun verify = CliRun.of("model", "verify", "--trusted", pub.toString(), "--selftest", "--engine", "java",
        v2.toString());
    assertEquals(0, verify.exitCode(), verify.err());
    assertTrue(verify.out().startsWith(v2 + ": ok\n  model vibration version 2"), verify.out());
    assertTrue(verify.out().contains("signed by key " + keyId), verify.out());
    assertTrue(verify.out().contains("int8.tflite"), verify.out());
    assertTrue(verify.out().contains("self-test: passed, 2 vector(s)"), verify.out());

    Path state = tmp.resolve("state");
    ModelStore store = new ModelStore(state, 3);
    for (Path zip : List.of(v1, v2)) {
      var b = new BundleVerifier(TrustedKeys.of(Ed25519Keys.readPublic(pub)), Limits.DEFAULTS)
          .verify(zip, store.newStagingDir("vibration"));
      store.install(b);
      store.activate("vibration", b.version());
    }
    CliRun list = CliRun.of("model", "list", "--state-dir", state.toString());
    assertEquals(0, list.exitCode(), list.err());
    assertTrue(list.out().matches("(?s)vibration\n  1 +previous .*\n  2 +active .*"), list.out());

    Path config = tmp.resolve("device.yaml");
    Files.writeString(config, "device: {id: t1, stateDir: state}\nmqtt: {broker: tcp://127.0.0.1:1883}\n");
    CliRun rollback = CliRun.of("model", "rollback", "--config", config.toString(), "vibration");
    assertEquals(0, rollback.exitCode(), rollback.err());
    assertTrue(rollback.out().startsWith("vibration: rolled back to version 1 (was version 2)"), rollback.out());
    assertEquals("1", store.active("vibration").orElseThrow().version());
    CliRun again = CliRun.of("model", "rollback", "--state-dir", state.toString(), "vibration");
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(again.out().startsWith("vibration: rolled back to the config's files (was version 1)"), again.out());
    assertEquals(java.util.Optional.empty(), store.active("vibration"));
    CliRun third = CliRun.of("model", "rollback", "--state-dir", state.toString(), "vibration");
    assertEquals(2, third.exitCode());
    assertEquals("edgeinfer: model vibration runs its config's files; there is nothing to roll back to\n", third.err());
  }

  @Test
  void verifyWithTheConfigsKeys_andListShowsAPendingUpdate() throws Exception {
    assertEquals(0, CliRun.of("model", "keygen", "-o", tmp.resolve("fleet").toString()).exitCode());
    Path zip = tmp.resolve("v1.zip");
    assertEquals(0, run(bundleArgs("1", zip, "--key", tmp.resolve("fleet.key").toString())).exitCode());
    Path config = tmp.resolve("device.yaml");
    Files.writeString(config, "device: {id: t1, stateDir: state}\nmqtt: {broker: tcp://127.0.0.1:1883}\n"
        + "updates: {trustedKeys: [fleet.pub]}\n");
    CliRun verify = CliRun.of("model", "verify", "--config", config.toString(), zip.toString());
    assertEquals(0, verify.exitCode(), verify.err());

    ModelStore store = new ModelStore(tmp.resolve("state"), 3);
    store.beginUpdate("vibration", "1", "req-42");
    CliRun list = CliRun.of("model", "list", "--config", config.toString());
    assertEquals(0, list.exitCode(), list.err());
    assertTrue(list.out().contains("pending update: version 1, request req-42, staging"), list.out());
    CliRun rollback = CliRun.of("model", "rollback", "--config", config.toString(), "vibration");
    assertEquals(2, rollback.exitCode());
    assertTrue(rollback.err().contains("an update is in progress (version 1)"), rollback.err());
  }

  @Test
  void verify_withAnotherKey_isRejectedAsUnknownKey() throws Exception {
    assertEquals(0, CliRun.of("model", "keygen", "-o", tmp.resolve("a").toString()).exitCode());
    assertEquals(0, CliRun.of("model", "keygen", "-o", tmp.resolve("b").toString()).exitCode());
    Path zip = tmp.resolve("v1.zip");
    assertEquals(0, run(bundleArgs("1", zip, "--key", tmp.resolve("a.key").toString())).exitCode());
    CliRun verify = CliRun.of("model", "verify", "--trusted", tmp.resolve("b.pub").toString(), zip.toString());
    assertEquals(2, verify.exitCode());
    assertTrue(verify.err().startsWith(zip + ": rejected (unknown_key): manifest.sig: signed by key "), verify.err());
  }

  @Test
  void bundle_whoseInputDoesNotFitTheModel_isRefusedWithExit2() {
    List<String> args = bundleArgs("1", tmp.resolve("x.zip"));
    args.set(args.indexOf("--channels") + 1, "4");
    CliRun run = run(args);
    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("edgeinfer: cannot bundle (shape_mismatch): int8.tflite: the model's input"),
        run.err());
    assertTrue(!Files.exists(tmp.resolve("x.zip")), "nothing written");
  }

  @Test
  void bundle_badPreprocessingOrNoSelfTest_isUsageError() {
    List<String> args = bundleArgs("1", tmp.resolve("x.zip"));
    args.set(args.indexOf("--preprocessing") + 1, "features=fft");
    CliRun bad = run(args);
    assertEquals(2, bad.exitCode());
    assertEquals("edgeinfer: --preprocessing features: unknown value \"fft\"\n", bad.err());
    List<String> none = bundleArgs("1", tmp.resolve("x.zip"));
    none.set(none.indexOf("--selftest-random") + 1, "0");
    CliRun noVectors = run(none);
    assertEquals(2, noVectors.exitCode());
    assertTrue(noVectors.err().contains("--selftest-input F.bin... or --selftest-random N"), noVectors.err());
  }

  @Test
  void bundle_withAnInputFileOfFloats_quantizesItForTheInt8Model() throws Exception {
    // 24 float32 features (8 bands x 3 axes) -> one self-test vector.
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(24 * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 24; i++) {
      b.putFloat(i * 0.25f - 3f);
    }
    Path in = Files.write(tmp.resolve("features.f32"), b.array());
    List<String> args = bundleArgs("1", tmp.resolve("x.zip"));
    int at = args.indexOf("--selftest-random");
    args.set(at, "--selftest-input");
    args.set(at + 1, in.toString());
    CliRun run = run(args);
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("1 self-test vector(s)"), run.out());
  }
}
