package dev.edgeinfer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ed25519KeysTest {
  @TempDir Path tmp;

  @Test
  void writePair_privateIs0600Pkcs8_publicIsSpki_andBothReadBack() throws Exception {
    KeyPair pair = Ed25519Keys.generate();
    Path key = tmp.resolve("fleet.key");
    Path pub = tmp.resolve("fleet.pub");
    Ed25519Keys.writePair(pair, key, pub);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    assertTrue(Files.readString(key).startsWith("-----BEGIN PRIVATE KEY-----\n"));
    assertTrue(Files.readString(pub).startsWith("-----BEGIN PUBLIC KEY-----\n"));
    assertArrayEquals(pair.getPrivate().getEncoded(), Ed25519Keys.readPrivate(key).getEncoded());
    assertArrayEquals(pair.getPublic().getEncoded(), Ed25519Keys.readPublic(pub).getEncoded());
    assertThrows(IOException.class, () -> Ed25519Keys.writePair(pair, key, tmp.resolve("x.pub")), "never overwrites");
  }

  @Test
  void publicOf_derivesThePairsPublicKey() {
    for (int i = 0; i < 5; i++) {
      KeyPair pair = Ed25519Keys.generate();
      assertArrayEquals(pair.getPublic().getEncoded(), Ed25519Keys.publicOf(pair.getPrivate()).getEncoded());
    }
  }

  @Test
  void opensslKeys_readAndSign() throws Exception {
    // Made with `openssl genpkey -algorithm ed25519` and `openssl pkey -pubout` (a throwaway test key).
    Path key = Files.writeString(tmp.resolve("ossl.key"), """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEIBJoE2Oz6+DgGtAraB9gBDLMwIcdkJPERFVfFTmwRu0S
        -----END PRIVATE KEY-----
        """);
    Path pub = Files.writeString(tmp.resolve("ossl.pub"), """
        -----BEGIN PUBLIC KEY-----
        MCowBQYDK2VwAyEAeewCyjl6yZqDlfd98Pl3Frtwpk5GTL14dl2Hngc9DZg=
        -----END PUBLIC KEY-----
        """);
    byte[] manifest = "{}".getBytes(StandardCharsets.UTF_8);
    byte[] sig = TrustedKeys.sign(manifest, Ed25519Keys.readPrivate(key));
    assertEquals(Ed25519Keys.keyId(Ed25519Keys.readPublic(pub)),
        TrustedKeys.load(java.util.List.of(pub)).verify(manifest, sig));
  }

  @Test
  void keyId_isSixteenHexDigitsAndDiffersBetweenKeys() {
    String a = Ed25519Keys.keyId(Ed25519Keys.generate().getPublic());
    String b = Ed25519Keys.keyId(Ed25519Keys.generate().getPublic());
    assertTrue(a.matches("[0-9a-f]{16}"), a);
    assertTrue(!a.equals(b));
  }

  @Test
  void trustedKeys_signAndVerify_tellUnknownKeyFromBadSignature() throws Exception {
    KeyPair trusted = Ed25519Keys.generate();
    KeyPair other = Ed25519Keys.generate();
    TrustedKeys keys = TrustedKeys.of(trusted.getPublic());
    byte[] manifest = "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8);
    byte[] sig = TrustedKeys.sign(manifest, trusted.getPrivate());
    assertEquals(Ed25519Keys.keyId(trusted.getPublic()), keys.verify(manifest, sig));
    assertEquals("unknown_key", assertThrows(BundleRejected.class,
        () -> keys.verify(manifest, TrustedKeys.sign(manifest, other.getPrivate()))).reason());
    byte[] changed = "{\"name\":\"y\"}".getBytes(StandardCharsets.UTF_8);
    assertEquals("bad_signature", assertThrows(BundleRejected.class, () -> keys.verify(changed, sig)).reason());
  }

  @Test
  void readPublic_ofAPrivateKeyFile_namesTheFile() throws Exception {
    KeyPair pair = Ed25519Keys.generate();
    Path key = tmp.resolve("k.key");
    Ed25519Keys.writePrivate(key, pair.getPrivate());
    IOException e = assertThrows(IOException.class, () -> TrustedKeys.load(java.util.List.of(key)));
    assertTrue(e.getMessage().startsWith(key + ": no \"-----BEGIN PUBLIC KEY-----\" block"), e.getMessage());
  }
}
