package dev.edgeinfer.systemd;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells systemd about the daemon (sd_notify(3)): {@code READY=1}, {@code WATCHDOG=1},
 * {@code STOPPING=1} and {@code STATUS=...}, each one datagram to {@code $NOTIFY_SOCKET}, sent by the
 * daemon itself rather than by forking systemd-notify (whose PID systemd would not accept with
 * {@code NotifyAccess=main}, and which costs a process per heartbeat).
 *
 * <p>Without {@code NOTIFY_SOCKET} (not started by systemd, or {@code Type=simple}) every call does
 * nothing and JNA is never loaded. A failed send is logged and otherwise ignored: the daemon's work
 * does not depend on systemd listening. Thread-safe.
 */
public final class SystemdNotifier implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SystemdNotifier.class.getName());
  /** Notifies nobody. */
  public static final SystemdNotifier NONE = new SystemdNotifier(null, null);

  private final DatagramSender sender;
  private final Duration watchdogInterval;
  private volatile boolean failureLogged;

  private SystemdNotifier(DatagramSender sender, Duration watchdogInterval) {
    this.sender = sender;
    this.watchdogInterval = watchdogInterval;
  }

  /**
   * From the variables systemd sets for a service: {@code NOTIFY_SOCKET}, {@code WATCHDOG_USEC} and
   * {@code WATCHDOG_PID}. A value that cannot be used is logged and that part left off.
   */
  public static SystemdNotifier fromEnvironment(Map<String, String> env) {
    String socket = env.get("NOTIFY_SOCKET");
    if (socket == null) {
      return NONE;
    }
    NotifyAddress address;
    try {
      address = NotifyAddress.parse(socket);
    } catch (IllegalArgumentException e) {
      LOG.warning(e.getMessage() + "; not notifying systemd");
      return NONE;
    }
    DatagramSender sender;
    try {
      sender = new DatagramSender(address);
    } catch (LinkageError | RuntimeException e) { // no JNA native for this platform, or socket(2) failed
      LOG.warning("cannot open a socket to NOTIFY_SOCKET=" + socket + " (" + e + "); not notifying systemd");
      return NONE;
    }
    return new SystemdNotifier(sender, watchdog(env, ProcessHandle.current().pid()).orElse(null));
  }

  /**
   * The watchdog interval when systemd asks this process for pings: {@code WATCHDOG_USEC} set to a
   * positive number and {@code WATCHDOG_PID}, when set, our own PID (else the pings are meant for
   * another process, e.g. a parent shell that did not exec).
   */
  static Optional<Duration> watchdog(Map<String, String> env, long ourPid) {
    String usec = env.get("WATCHDOG_USEC");
    if (usec == null) {
      return Optional.empty();
    }
    String pid = env.get("WATCHDOG_PID");
    if (pid != null && !pid.equals(Long.toString(ourPid))) {
      LOG.info("WATCHDOG_PID=" + pid + " is not this process (" + ourPid + "); no watchdog pings");
      return Optional.empty();
    }
    try {
      long micros = Long.parseLong(usec.trim());
      if (micros > 0) {
        return Optional.of(Duration.ofNanos(Math.multiplyExact(micros, 1000L)));
      }
    } catch (NumberFormatException | ArithmeticException e) {
      // reported below
    }
    LOG.warning("WATCHDOG_USEC=" + usec + " is not a positive number of microseconds; no watchdog pings");
    return Optional.empty();
  }

  public boolean enabled() {
    return sender != null;
  }

  /** How often systemd expects {@code WATCHDOG=1}; empty when it does not. */
  public Optional<Duration> watchdogInterval() {
    return Optional.ofNullable(watchdogInterval);
  }

  public void ready(String status) {
    send(NotifyMessage.of("READY", "1").with("STATUS", status));
  }

  public void status(String status) {
    send(NotifyMessage.of("STATUS", status));
  }

  public void watchdog() {
    send(NotifyMessage.of("WATCHDOG", "1"));
  }

  public void stopping() {
    send(NotifyMessage.of("STOPPING", "1").with("STATUS", "stopping"));
  }

  private void send(NotifyMessage message) {
    if (sender == null) {
      return;
    }
    try {
      sender.send(message.bytes());
      failureLogged = false;
    } catch (RuntimeException e) {
      // Once per run of failures: a vanished socket would otherwise log at every heartbeat.
      LOG.log(failureLogged ? Level.FINE : Level.WARNING, "systemd notification (" + message + ") not sent: " + e);
      failureLogged = true;
    }
  }

  @Override
  public void close() {
    if (sender != null) {
      sender.close();
    }
  }
}
