package dev.edgeinfer.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 key pairs for signing bundles, with the JDK alone: the private key as PKCS#8 PEM (the
 * file is created mode 0600 before a byte is written), the public key as X.509
 * SubjectPublicKeyInfo PEM, both readable by {@code openssl pkey}. Stateless.
 */
public final class Ed25519Keys {
  private static final String PRIVATE = "PRIVATE KEY";
  private static final String PUBLIC = "PUBLIC KEY";

  private Ed25519Keys() {}

  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no Ed25519 (Java 15+ has): " + e.getMessage(), e);
    }
  }

  /** Writes {@code base.key} (private, 0600) and {@code base.pub}; refuses to overwrite either. */
  public static void writePair(KeyPair pair, Path privateFile, Path publicFile) throws IOException {
    if (Files.exists(privateFile) || Files.exists(publicFile)) {
      throw new IOException("will not overwrite an existing key: " + (Files.exists(privateFile) ? privateFile
          : publicFile));
    }
    writePrivate(privateFile, pair.getPrivate());
    writePublic(publicFile, pair.getPublic());
  }

  public static void writePrivate(Path file, PrivateKey key) throws IOException {
    // Created with 0600 so the key is never readable by others, not even for an instant.
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, pem(PRIVATE, key.getEncoded()), StandardCharsets.US_ASCII,
        StandardOpenOption.TRUNCATE_EXISTING);
  }

  public static void writePublic(Path file, PublicKey key) throws IOException {
    Files.writeString(file, pem(PUBLIC, key.getEncoded()), StandardCharsets.US_ASCII);
  }

  public static PrivateKey readPrivate(Path file) throws IOException {
    byte[] der = body(Files.readString(file, StandardCharsets.US_ASCII), PRIVATE, file);
    try {
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IOException(file + ": not an Ed25519 private key (PKCS#8): " + e.getMessage(), e);
    }
  }

  public static PublicKey readPublic(Path file) throws IOException {
    return publicFromPem(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
  }

  static PublicKey publicFromPem(String pem, String source) throws IOException {
    byte[] der = body(pem, PUBLIC, Path.of(source));
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new IOException(source + ": not an Ed25519 public key (SubjectPublicKeyInfo): " + e.getMessage(), e);
    }
  }

  /**
   * The public key of a private key. The JDK has no call for it, but its Ed25519 generator takes the
   * 32-byte private seed from the SecureRandom it is given (RFC 8032, 5.1.5): handing it the seed
   * we have regenerates exactly this key's pair. So a signer needs only the {@code .key} file.
   */
  public static PublicKey publicOf(PrivateKey key) {
    if (!(key instanceof java.security.interfaces.EdECPrivateKey ed) || ed.getBytes().isEmpty()) {
      throw new IllegalArgumentException("not an Ed25519 private key: " + key.getAlgorithm());
    }
    byte[] seed = ed.getBytes().get();
    java.security.SecureRandom replay = new java.security.SecureRandom() {
      @Override
      public void nextBytes(byte[] bytes) {
        System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
      }
    };
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(java.security.spec.NamedParameterSpec.ED25519, replay);
      return generator.generateKeyPair().getPublic();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public key's name in messages and signature files: the first 8 bytes of SHA-256 of its encoding, hex. */
  public static String keyId(PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static byte[] body(String pem, String type, Path source) throws IOException {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new IOException(source + ": no \"" + begin + "\" block");
    }
    try {
      return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new IOException(source + ": bad base64 in the PEM block: " + e.getMessage(), e);
    }
  }
}
