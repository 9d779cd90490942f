package dev.edgeinfer.model;

import java.util.Optional;

/**
 * What {@link ModelStore#recover()} did to one model at start. {@code requestId} and {@code state}
 * are the interrupted update's (empty for a version found damaged on disk), so the daemon can
 * publish {@code rolled_back} on {@code event/model} for the request that was never answered.
 *
 * @param restoredVersion the version active now, empty when the model has no stored version left
 *     (the daemon then runs the config's files)
 * @param abandonedVersion the version given up (and deleted)
 * @param reason e.g. "process died during trial"
 */
public record Recovery(String name, Optional<String> restoredVersion, String abandonedVersion,
    Optional<String> requestId, Optional<JournalState> state, String reason) {}
