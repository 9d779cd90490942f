package dev.edgeinfer.publish;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Reads a PEM private key with the JDK alone: PKCS#8 ({@code BEGIN PRIVATE KEY}, RSA, EC or
 * Ed25519), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) and SEC1 ({@code BEGIN EC PRIVATE KEY}, as
 * {@code openssl ecparam -genkey} writes). The last two are rewrapped into PKCS#8 (RFC 5208),
 * the only encoding the JDK's KeyFactory takes. Encrypted keys are refused with the openssl
 * command that decrypts them. Stateless.
 */
final class PemKeys {
  // DER of AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }
  private static final byte[] RSA_ALGORITHM =
      hex("300d06092a864886f70d0101010500");
  // DER of the OID id-ecPublicKey (1.2.840.10045.2.1)
  private static final byte[] EC_PUBLIC_KEY_OID = hex("06072a8648ce3d0201");

  private PemKeys() {}

  static PrivateKey read(String pem, String source) throws GeneralSecurityException {
    if (pem.contains("BEGIN ENCRYPTED PRIVATE KEY") || pem.contains("Proc-Type: 4,ENCRYPTED")) {
      throw new GeneralSecurityException(source + ": the key is encrypted; store it decrypted with "
          + "`openssl pkey -in KEY -out KEY.plain` and protect the file by its permissions");
    }
    if (pem.contains("BEGIN RSA PRIVATE KEY")) {
      byte[] pkcs1 = body(pem, "RSA PRIVATE KEY", source);
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8(RSA_ALGORITHM, pkcs1)));
    }
    if (pem.contains("BEGIN EC PRIVATE KEY")) {
      byte[] sec1 = body(pem, "EC PRIVATE KEY", source);
      byte[] curve = sec1CurveOid(sec1, source);
      byte[] algorithm = tlv(0x30, concat(EC_PUBLIC_KEY_OID, curve));
      return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8(algorithm, sec1)));
    }
    if (pem.contains("BEGIN PRIVATE KEY")) {
      PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(body(pem, "PRIVATE KEY", source));
      for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "EdDSA"}) {
        try {
          return KeyFactory.getInstance(algorithm).generatePrivate(spec);
        } catch (GeneralSecurityException e) {
          // not this algorithm; try the next
        }
      }
      throw new GeneralSecurityException(source + ": PKCS#8 key of an algorithm other than RSA, EC or Ed25519");
    }
    throw new GeneralSecurityException(source + ": no PEM private key (expected BEGIN PRIVATE KEY, "
        + "BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)");
  }

  private static byte[] body(String pem, String label, String source) throws GeneralSecurityException {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end, from);
    if (from < 0 || to < 0) {
      throw new GeneralSecurityException(source + ": unterminated PEM block " + label);
    }
    try {
      return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    } catch (IllegalArgumentException e) {
      throw new GeneralSecurityException(source + ": bad base64 in PEM block " + label, e);
    }
  }

  /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING key }. */
  private static byte[] pkcs8(byte[] algorithm, byte[] key) {
    return tlv(0x30, concat(hex("020100"), algorithm, tlv(0x04, key)));
  }

  /**
   * The named curve from SEC1's ECPrivateKey ::= SEQUENCE { version, OCTET STRING, [0] OID, ... }
   * (RFC 5915). Bounds are checked at each step: this is file input.
   */
  private static byte[] sec1CurveOid(byte[] der, String source) throws GeneralSecurityException {
    int[] seq = header(der, 0, 0x30, source);
    int pos = seq[0];
    int end = seq[0] + seq[1];
    while (pos < end) {
      int tag = der[pos] & 0xff;
      int[] h = header(der, pos, tag, source);
      if (tag == 0xa0) {
        int[] oid = header(der, h[0], 0x06, source);
        return Arrays.copyOfRange(der, h[0], oid[0] + oid[1]);
      }
      pos = h[0] + h[1];
    }
    throw new GeneralSecurityException(source + ": EC key names no curve; convert it with `openssl pkcs8 -topk8 -nocrypt`");
  }

  /** Returns {contentStart, contentLength} of the TLV at {@code pos}, which must have {@code tag}. */
  private static int[] header(byte[] der, int pos, int tag, String source) throws GeneralSecurityException {
    if (pos + 2 > der.length || (der[pos] & 0xff) != tag) {
      throw new GeneralSecurityException(source + ": malformed DER in key at byte " + pos);
    }
    int len = der[pos + 1] & 0xff;
    int start = pos + 2;
    if (len > 0x80) {
      int n = len - 0x80;
      if (n > 3 || start + n > der.length) {
        throw new GeneralSecurityException(source + ": malformed DER length in key at byte " + pos);
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (der[start + i] & 0xff);
      }
      start += n;
    }
    if (len == 0x80 || start + len > der.length) {
      throw new GeneralSecurityException(source + ": DER length beyond the key at byte " + pos);
    }
    return new int[] {start, len};
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int len = content.length;
    if (len < 0x80) {
      out.write(len);
    } else if (len < 0x100) {
      out.write(0x81);
      out.write(len);
    } else if (len < 0x10000) {
      out.write(0x82);
      out.write(len >> 8);
      out.write(len);
    } else {
      out.write(0x83);
      out.write(len >> 16);
      out.write(len >> 8);
      out.write(len);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] hex(String s) {
    return java.util.HexFormat.of().parseHex(s);
  }
}
