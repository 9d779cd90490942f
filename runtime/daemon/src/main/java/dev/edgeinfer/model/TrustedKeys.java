package dev.edgeinfer.model;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The public keys this device accepts bundles from ({@code updates.trustedKeys}), by key id.
 * Immutable and thread-safe.
 */
public final class TrustedKeys {
  private final Map<String, PublicKey> byId;

  private TrustedKeys(Map<String, PublicKey> byId) {
    this.byId = Map.copyOf(byId);
  }

  public static TrustedKeys of(Collection<PublicKey> keys) {
    Map<String, PublicKey> byId = new LinkedHashMap<>();
    keys.forEach(k -> byId.put(Ed25519Keys.keyId(k), k));
    return new TrustedKeys(byId);
  }

  public static TrustedKeys of(PublicKey... keys) {
    return of(List.of(keys));
  }

  /** Reads each PEM file; the error names the file that is missing or not an Ed25519 public key. */
  public static TrustedKeys load(List<Path> pemFiles) throws IOException {
    Map<String, PublicKey> byId = new LinkedHashMap<>();
    for (Path file : pemFiles) {
      PublicKey key = Ed25519Keys.readPublic(file);
      byId.put(Ed25519Keys.keyId(key), key);
    }
    return new TrustedKeys(byId);
  }

  public Set<String> keyIds() {
    return byId.keySet();
  }

  public boolean isEmpty() {
    return byId.isEmpty();
  }

  /**
   * Checks {@code signatureFile} (the bytes of {@code manifest.sig}) over the exact bytes of
   * {@code manifest.json}; returns the id of the key that signed it.
   */
  public String verify(byte[] manifestBytes, byte[] signatureFile) throws BundleRejected {
    SignatureFile sig = SignatureFile.parse(signatureFile);
    PublicKey key = byId.get(sig.keyId());
    if (key == null) {
      throw new BundleRejected("unknown_key", "manifest.sig: signed by key " + sig.keyId()
          + ", which this device does not trust (trusted: " + (byId.isEmpty() ? "none" : String.join(", ", byId.keySet()))
          + ")");
    }
    try {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(manifestBytes);
      if (!verifier.verify(sig.signature())) {
        throw new BundleRejected("bad_signature", "manifest.sig: the signature by key " + sig.keyId()
            + " does not match manifest.json (the manifest or the signature was changed after signing)");
      }
    } catch (GeneralSecurityException e) {
      throw new BundleRejected("bad_signature", "manifest.sig: cannot check the signature: " + e.getMessage(), e);
    }
    return sig.keyId();
  }

  /** Signs {@code manifestBytes}: the content of {@code manifest.sig}. */
  public static byte[] sign(byte[] manifestBytes, PrivateKey key) {
    PublicKey publicKey = Ed25519Keys.publicOf(key);
    try {
      Signature signer = Signature.getInstance("Ed25519");
      signer.initSign(key);
      signer.update(manifestBytes);
      return new SignatureFile(Ed25519Keys.keyId(publicKey), signer.sign()).toBytes();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an Ed25519 private key: " + e.getMessage(), e);
    }
  }
}
