package dev.edgeinfer.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * {@code manifest.sig}: {@code {"alg":"Ed25519","keyId":"<16 hex>","sig":"<base64 of the 64-byte
 * signature>"}}. The key id travels with the signature so that "signed by a key this device does
 * not trust" and "the signature does not match" are told apart; it is only a hint for picking the
 * key, never trusted on its own (the signature is still checked).
 */
public record SignatureFile(String keyId, byte[] signature) {
  /** Far above the ~130 bytes a real one takes: read before anything is trusted, so it is bounded. */
  public static final int MAX_BYTES = 4096;
  private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  public byte[] toBytes() {
    ObjectNode o = JSON.createObjectNode()
        .put("alg", "Ed25519")
        .put("keyId", keyId)
        .put("sig", Base64.getEncoder().encodeToString(signature));
    return (o.toString() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  public static SignatureFile parse(byte[] bytes) throws BundleRejected {
    JsonNode root;
    try {
      root = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new BundleRejected("bad_signature", "manifest.sig: not JSON: "
          + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new BundleRejected("bad_signature", "manifest.sig: expected a JSON object");
    }
    for (var it = root.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!Set.of("alg", "keyId", "sig").contains(field)) {
        throw new BundleRejected("bad_signature", "manifest.sig: unknown field \"" + field + "\"");
      }
    }
    JsonNode alg = root.get("alg");
    if (alg == null || !"Ed25519".equals(alg.asText())) {
      throw new BundleRejected("bad_signature", "manifest.sig.alg: expected \"Ed25519\", got " + alg);
    }
    JsonNode keyId = root.get("keyId");
    if (keyId == null || !keyId.isTextual() || !keyId.textValue().matches("[0-9a-f]{16}")) {
      throw new BundleRejected("bad_signature", "manifest.sig.keyId: expected 16 lowercase hex digits, got " + keyId);
    }
    JsonNode sig = root.get("sig");
    byte[] signature;
    try {
      signature = sig != null && sig.isTextual() ? Base64.getDecoder().decode(sig.textValue()) : null;
    } catch (IllegalArgumentException e) {
      signature = null;
    }
    if (signature == null || signature.length != 64) {
      throw new BundleRejected("bad_signature", "manifest.sig.sig: expected base64 of a 64-byte Ed25519 signature");
    }
    return new SignatureFile(keyId.textValue(), signature);
  }
}
