package dev.edgeinfer.model;

import java.util.List;
import java.util.Optional;

/**
 * The journal of an update in progress for one model ({@code models/NAME/pending}): the version
 * being tried, the request that asked for it, its state, and what to restore if it fails or the
 * process dies before {@link ModelStore#commit}: the pointers as they were, and whether the version
 * was already stored (then it is kept; otherwise it is deleted).
 */
public record PendingUpdate(String version, String requestId, JournalState state, Optional<String> restoreActive,
    Optional<String> restorePrevious, List<String> restoreHistory, boolean versionExisted) {

  public PendingUpdate {
    restoreHistory = List.copyOf(restoreHistory);
  }

  PendingUpdate withState(JournalState s) {
    return new PendingUpdate(version, requestId, s, restoreActive, restorePrevious, restoreHistory, versionExisted);
  }
}
