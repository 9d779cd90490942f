package dev.edgeinfer.testing;

import dev.edgeinfer.action.ActionTimer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An {@link ActionTimer} on a clock the test moves: {@link #advance} runs, in order, every task
 * that falls due, on the test's thread. For one test thread.
 */
public final class ManualTimer implements ActionTimer {
  private record Task(long dueMillis, long order, Runnable run, boolean[] cancelled) {}

  private final List<Task> tasks = new ArrayList<>();
  private long nowMillis;
  private long order;

  @Override
  public Scheduled schedule(Runnable task, long delayMillis) {
    boolean[] cancelled = {false};
    tasks.add(new Task(nowMillis + delayMillis, order++, task, cancelled));
    return () -> cancelled[0] = true;
  }

  public void advance(long millis) {
    long target = nowMillis + millis;
    while (true) {
      Task next = tasks.stream().filter(t -> !t.cancelled()[0] && t.dueMillis() <= target)
          .min(Comparator.comparingLong(Task::dueMillis).thenComparingLong(Task::order)).orElse(null);
      if (next == null) {
        break;
      }
      tasks.remove(next);
      nowMillis = next.dueMillis();
      next.run().run();
    }
    nowMillis = target;
  }

  /** Tasks scheduled and neither run nor cancelled. */
  public long pending() {
    return tasks.stream().filter(t -> !t.cancelled()[0]).count();
  }

  @Override
  public void close() {
    tasks.clear();
  }
}
