package dev.edgeinfer.outbox;

/**
 * The outbox as {@code status} reports it.
 *
 * @param depth results waiting (committed and not yet deleted, plus those waiting for the next commit)
 * @param bytes payload bytes committed and waiting
 * @param inFlight sent and not yet acknowledged
 * @param dropped dropped by the overflow policy, since the outbox was created (kept in the database)
 * @param rejected refused by the broker (e.g. not authorized) and deleted, since this start
 * @param qos0Unsent QoS 0 results that bypassed the outbox while the broker was unreachable, since this start
 * @param backlogDone whether what an earlier run left has all been sent
 * @param commits SQLite commits since this start
 */
public record OutboxStats(long depth, long bytes, int inFlight, long dropped, long rejected, long qos0Unsent,
    boolean backlogDone, long commits) {}
