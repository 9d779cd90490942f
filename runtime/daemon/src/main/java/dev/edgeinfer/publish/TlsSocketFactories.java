package dev.edgeinfer.publish;

import dev.edgeinfer.config.MqttConfig.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS socket factory for {@code mqtt.tls} from PEM files, as Mosquitto, AWS IoT Core
 * and most brokers issue them: the CA bundle that signs the broker (the only trust anchors: the
 * JDK's default CAs are not consulted), and optionally a client certificate chain with its key
 * for mutual TLS. Hostname verification is not done here but by the MQTT client (see {@link
 * PahoMqtt5Publisher}), because it needs the URL's host. Stateless.
 */
public final class TlsSocketFactories {
  private static final char[] NO_PASSWORD = new char[0];

  private TlsSocketFactories() {}

  public static SSLSocketFactory create(TlsConfig tls) throws GeneralSecurityException, IOException {
    Collection<? extends Certificate> cas = certificates(tls.caFile());
    if (cas.isEmpty()) {
      throw new GeneralSecurityException(tls.caFile() + ": no certificate in the CA file (mqtt.tls.caFile)");
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    int i = 0;
    for (Certificate ca : cas) {
      trust.setCertificateEntry("ca" + i++, ca);
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);

    KeyManagerFactory kmf = null;
    if (tls.certFile().isPresent() != tls.keyFile().isPresent()) {
      throw new GeneralSecurityException("mqtt.tls: certFile and keyFile go together (mutual TLS needs both)");
    }
    if (tls.certFile().isPresent()) {
      Path keyFile = tls.keyFile().get();
      PrivateKey key = PemKeys.read(Files.readString(keyFile, StandardCharsets.US_ASCII), keyFile.toString());
      Certificate[] chain = certificates(tls.certFile().get()).toArray(new Certificate[0]);
      if (chain.length == 0) {
        throw new GeneralSecurityException(tls.certFile().get() + ": no certificate in mqtt.tls.certFile");
      }
      KeyStore identity = KeyStore.getInstance("PKCS12");
      identity.load(null, null);
      identity.setKeyEntry("client", key, NO_PASSWORD, chain);
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(identity, NO_PASSWORD);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context.getSocketFactory();
  }

  private static Collection<? extends Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      return CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (java.security.cert.CertificateException e) {
      throw new GeneralSecurityException(pem + ": not a PEM certificate file: " + e.getMessage(), e);
    }
  }
}
