package dev.edgeinfer.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgeinfer.config.OutboxConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class DropLogTest {
  @Test
  void oneLinePerBurst_countsEveryDrop() {
    Logger logger = Logger.getLogger(DropLog.class.getName());
    List<String> lines = new ArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        lines.add(r.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(capture);
    try {
      DropLog log = new DropLog(new OutboxConfig(100, 1 << 20, OutboxConfig.Overflow.DROP_NEWEST, 0,
          OutboxConfig.DrainOrder.OLDEST_FIRST, true));
      log.commit(0, 0, 50, 5_000);
      log.commit(3, 3, 100, 10_000); // burst 1 starts
      log.commit(5, 8, 100, 10_000);
      log.commit(1, 9, 100, 10_000);
      log.commit(0, 9, 90, 9_000); // ends
      log.commit(0, 9, 95, 9_500);
      log.commit(2, 11, 100, 10_000); // burst 2
      log.commit(2, 13, 100, 10_000);
      assertEquals(2, log.bursts());
      assertEquals(List.of(
          "outbox full (100 results, 10000 bytes; limits outbox.maxMessages=100, outbox.maxBytes=1048576): drop-newest,"
              + " dropped 3 now, 3 since start; the broker is unreachable or too slow. Further drops of this burst are"
              + " only counted (status: outbox.dropped)",
          "outbox full (100 results, 10000 bytes; limits outbox.maxMessages=100, outbox.maxBytes=1048576): drop-newest,"
              + " dropped 2 now, 11 since start; the broker is unreachable or too slow. Further drops of this burst are"
              + " only counted (status: outbox.dropped)"), lines);
    } finally {
      logger.removeHandler(capture);
    }
  }
}
