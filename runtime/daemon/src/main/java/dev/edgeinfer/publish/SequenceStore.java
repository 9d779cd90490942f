package dev.edgeinfer.publish;

/**
 * A pipeline's inference counter, kept across restarts so that {@code seq} never goes back and a
 * subscriber can see a gap. The daemon's is the outbox's ({@code dev.edgeinfer.outbox.Outbox#sequence}),
 * which commits a seq in the same transaction as its result.
 *
 * <p>Implementations say their thread safety; a pipeline calls it from its own thread.
 */
public interface SequenceStore extends AutoCloseable {
  /** The next number (the first is 1). */
  long next();

  /** The last number handed out (0 before the first). */
  long last();

  @Override
  default void close() {}

  /** A counter kept in memory only, from 1 (benchmarks and tests whose results are not delivered). */
  static SequenceStore inMemory() {
    return new SequenceStore() {
      private long last;

      @Override
      public long next() {
        return ++last;
      }

      @Override
      public long last() {
        return last;
      }
    };
  }
}
