package dev.edgeinfer.pipeline;

import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * TEST ONLY: with the system property {@value #PROPERTY}{@code =N} (read once, when this class
 * loads), a pipeline's loop stops after its N-th window and waits, beating no more, until the
 * pipeline is stopped. Tests use it to show that a stuck loop stops the systemd watchdog pings. No
 * configuration key reaches it; a daemon started without the property never stalls.
 */
final class StallForTests {
  static final String PROPERTY = "edgeinfer.test.stallPipelineAfter";
  private static final Logger LOG = Logger.getLogger(StallForTests.class.getName());
  private static final long AFTER = Long.getLong(PROPERTY, -1);

  private final CountDownLatch released = new CountDownLatch(1);

  /** Blocks the calling loop after window {@code windows} when the property asks for it. */
  void after(long windows, String pipeline) throws InterruptedException {
    if (AFTER >= 0 && windows == AFTER) {
      LOG.warning("pipelines." + pipeline + ": stalled after window " + windows + " (" + PROPERTY + ", tests only)");
      released.await();
    }
  }

  void release() {
    released.countDown();
  }
}
