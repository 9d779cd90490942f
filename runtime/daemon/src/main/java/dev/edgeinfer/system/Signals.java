package dev.edgeinfer.system;

import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import sun.misc.Signal;

/**
 * Waits for SIGTERM or SIGINT. The daemon handles them itself instead of through a shutdown
 * hook, so that an orderly stop ends with exit status 0 (a JVM killed by a signal reports 143)
 * and every step of the stop runs on a normal thread, in order.
 */
public final class Signals {
  private static final Logger LOG = Logger.getLogger(Signals.class.getName());
  private final CountDownLatch received = new CountDownLatch(1);
  private volatile String name = "";

  public static Signals install() {
    Signals signals = new Signals();
    for (String sig : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(sig), s -> {
        signals.name = "SIG" + s.getName() + " received";
        signals.received.countDown();
      });
    }
    return signals;
  }

  /** Blocks until a signal arrives; returns its name. */
  public String await() throws InterruptedException {
    received.await();
    LOG.info("stopping: " + name);
    return name;
  }

  /** Ends {@link #await()} as if a signal had come (the demo's "stop after N results"). */
  public void trigger(String reason) {
    name = reason;
    received.countDown();
  }
}
