package dev.edgeinfer.update;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/** One update for the worker: a bundle to fetch from a URL, or one already reassembled from chunks. */
sealed interface UpdateRequest {
  String requestId();

  record FromUrl(String requestId, URI url, OptionalLong size, Optional<String> sha256) implements UpdateRequest {}

  record FromChunks(String requestId, Path bundle) implements UpdateRequest {}
}
