package dev.edgeinfer.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.config.MqttConfig;
import dev.edgeinfer.testing.MosquittoBroker;
import dev.edgeinfer.testing.TestSubscriber;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mutual TLS against a Mosquitto TLS listener that requires client certificates, with a
 * throwaway CA made by openssl. The server certificate names only {@code localhost}, so
 * connecting to 127.0.0.1 fails hostname verification unless it is turned off. The client keys
 * come in all three PEM forms.
 */
class TlsSocketFactoriesTest {
  private static Path dir;
  private static MosquittoBroker broker;
  private static int tlsPort;

  @BeforeAll
  static void makePkiAndBroker() throws Exception {
    dir = Files.createTempDirectory("mqtt-tls");
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=test-ca");
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
    Files.writeString(dir.resolve("san.ext"), "subjectAltName=DNS:localhost\n");
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.pem", "-days", "2", "-extfile", "san.ext");
    // Client: one EC key in SEC1 ("BEGIN EC PRIVATE KEY") and PKCS#8; one RSA key in PKCS#1.
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "client-ec.sec1");
    openssl("pkcs8", "-topk8", "-nocrypt", "-in", "client-ec.sec1", "-out", "client-ec.pk8");
    openssl("req", "-new", "-key", "client-ec.sec1", "-out", "client-ec.csr", "-subj", "/CN=client-ec");
    openssl("x509", "-req", "-in", "client-ec.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "client-ec.pem", "-days", "2");
    openssl("genrsa", "-traditional", "-out", "client-rsa.pkcs1", "2048");
    openssl("req", "-new", "-key", "client-rsa.pkcs1", "-out", "client-rsa.csr", "-subj", "/CN=client-rsa");
    openssl("x509", "-req", "-in", "client-rsa.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial", "-out", "client-rsa.pem", "-days", "2");
    assertTrue(Files.readString(dir.resolve("client-ec.sec1")).contains("BEGIN EC PRIVATE KEY"));
    assertTrue(Files.readString(dir.resolve("client-rsa.pkcs1")).contains("BEGIN RSA PRIVATE KEY"));

    // Mosquitto started as root drops to the mosquitto user: it must be able to read these.
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      }
    }
    tlsPort = MosquittoBroker.freePort();
    broker = MosquittoBroker.start(List.of(
        "listener " + tlsPort + " 127.0.0.1",
        "cafile " + dir.resolve("ca.pem"),
        "certfile " + dir.resolve("server.pem"),
        "keyfile " + dir.resolve("server.key"),
        "require_certificate true"));
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  private static void openssl(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
  }

  private static MqttConfig.TlsConfig tls(String cert, String key, boolean verifyHostname) {
    return new MqttConfig.TlsConfig(dir.resolve("ca.pem"), Optional.of(dir.resolve(cert)), Optional.of(dir.resolve(key)), verifyHostname);
  }

  private static void connectAndPublish(String url, MqttConfig.TlsConfig tls, String device) throws Exception {
    Topics topics = new Topics("edgeinfer", device, List.of());
    try (TestSubscriber sub = TestSubscriber.connect(broker.url(), topics.availability());
        PahoMqtt5Publisher pub = new PahoMqtt5Publisher(TestConfigs.mqtt(url, tls), topics, url, 50, 200)) {
      pub.start(5_000);
      sub.awaitText(topics.availability(), "online", Duration.ofSeconds(10));
    }
  }

  @Test
  void mutualTls_ecSec1Key_hostnameVerified() throws Exception {
    connectAndPublish("ssl://localhost:" + tlsPort, tls("client-ec.pem", "client-ec.sec1", true), "tls-ec");
  }

  @Test
  void mutualTls_ecPkcs8Key() throws Exception {
    connectAndPublish("ssl://localhost:" + tlsPort, tls("client-ec.pem", "client-ec.pk8", true), "tls-pk8");
  }

  @Test
  void mutualTls_rsaPkcs1Key() throws Exception {
    connectAndPublish("ssl://localhost:" + tlsPort, tls("client-rsa.pem", "client-rsa.pkcs1", true), "tls-rsa");
  }

  @Test
  void hostnameMismatch_refusedUnlessVerificationOff() throws Exception {
    String url = "ssl://127.0.0.1:" + tlsPort; // the certificate names localhost only
    Topics topics = new Topics("edgeinfer", "tls-mismatch", List.of());
    try (PahoMqtt5Publisher pub = new PahoMqtt5Publisher(TestConfigs.mqtt(url, tls("client-ec.pem", "client-ec.sec1", true)), topics, url, 50, 200)) {
      assertThrows(PublishException.class, () -> pub.start(1_500));
    }
    connectAndPublish(url, tls("client-ec.pem", "client-ec.sec1", false), "tls-noverify");
  }

  @Test
  void encryptedKey_refusedWithTheFix() throws Exception {
    openssl("pkcs8", "-topk8", "-in", "client-ec.sec1", "-out", "client-ec.enc", "-passout", "pass:x");
    MqttConfig.TlsConfig tls = tls("client-ec.pem", "client-ec.enc", true);
    java.security.GeneralSecurityException e =
        assertThrows(java.security.GeneralSecurityException.class, () -> TlsSocketFactories.create(tls));
    assertTrue(e.getMessage().contains("openssl pkey"), e.getMessage());
  }
}
