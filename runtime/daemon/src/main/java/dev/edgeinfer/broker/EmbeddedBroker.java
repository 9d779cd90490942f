package dev.edgeinfer.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.ActiveMQServers;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * An in-process MQTT broker for the demo and for a device with no broker: Apache ActiveMQ
 * Artemis with one MQTT-only acceptor on the loopback interface, security off (any client
 * connects anonymously: loopback only), persistence off (memory only, no files at all: retained
 * messages and sessions end with the process), JMX off. ARCHITECTURE.md says why Artemis.
 *
 * <p>Artemis logs through SLF4J into java.util.logging; its INFO lines (banner, acceptor, ...)
 * are kept out of the console by raising its loggers to WARNING while this class is loaded.
 *
 * <p>Thread-safe: start and stop are synchronized; one start per instance.
 */
public final class EmbeddedBroker implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class.getName());
  // Held strongly: java.util.logging keeps loggers weakly, and a collected logger loses its level.
  private static final List<Logger> QUIETED = List.of(
      Logger.getLogger("org.apache.activemq"), Logger.getLogger("io.netty"));

  static {
    for (Logger l : QUIETED) {
      l.setLevel(Level.WARNING);
    }
  }

  private ActiveMQServer server;
  private String url;

  /**
   * Starts the broker on {@code 127.0.0.1:port}; port 0 picks a free port (asked of the kernel
   * just before binding: another process could take it in between, rarely).
   *
   * @return the URL clients connect to, {@code tcp://127.0.0.1:PORT}
   */
  public synchronized String start(int port) throws BrokerException {
    if (server != null) {
      throw new IllegalStateException("embedded broker already started at " + url);
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    int actual = port == 0 ? freePort() : port;
    try {
      Configuration config = new ConfigurationImpl()
          .setPersistenceEnabled(false)
          .setSecurityEnabled(false)
          .setJMXManagementEnabled(false)
          .setCriticalAnalyzer(false)
          .addAcceptorConfiguration("mqtt", "tcp://127.0.0.1:" + actual + "?protocols=MQTT")
          // Without a dead-letter and expiry address Artemis warns (AMQ222165/6) for every MQTT
          // subscription queue it creates; the names are those of Artemis's own default broker.xml.
          .addAddressSetting("#", new AddressSettings()
              .setDeadLetterAddress(SimpleString.of("DLQ"))
              .setExpiryAddress(SimpleString.of("ExpiryQueue")));
      ActiveMQServer s = ActiveMQServers.newActiveMQServer(config, false);
      long t0 = System.nanoTime();
      s.start();
      if (!s.isActive()) {
        s.stop();
        throw new BrokerException("embedded MQTT broker did not become active on port " + actual
            + " (is the port in use? set mqtt.embeddedPort to another, or 0 for any)");
      }
      server = s;
      url = "tcp://127.0.0.1:" + actual;
      long ms = (System.nanoTime() - t0) / 1_000_000;
      LOG.info(() -> "embedded MQTT broker at " + url + " (started in " + ms + " ms)");
      return url;
    } catch (BrokerException e) {
      throw e;
    } catch (Exception e) {
      throw new BrokerException("embedded MQTT broker could not start on port " + actual + ": " + e.getMessage(), e);
    }
  }

  /** The URL after {@link #start}, else null. */
  public synchronized String url() {
    return url;
  }

  public synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warning(() -> "embedded MQTT broker stop: " + e);
    } finally {
      server = null;
      url = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static int freePort() throws BrokerException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new BrokerException("no free loopback port for the embedded MQTT broker: " + e.getMessage(), e);
    }
  }
}
