package dev.edgeinfer.update;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgeinfer.publish.CommandException;
import dev.edgeinfer.publish.CommandHandler;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code model/update}: {@code {"requestId","url"[,"sha256"][,"size"]}} or one chunk {@code
 * {"requestId","chunk","of","sha256","data"[,"chunkSha256"]}}. Replies at once (the update runs on
 * the {@link UpdateManager}'s worker): accepted and queued, a chunk stored, or why not. Also
 * takes {@code model/update/...} subtopics (retained group chunks, one topic each).
 *
 * <p>A request already finished (its id remembered in {@link CompletedRequests}) is acknowledged
 * and not applied again: a retained group command is delivered on every reconnect. An empty
 * message (the broker clearing a retained command) is acknowledged and ignored.
 */
public final class ModelUpdateCommand implements CommandHandler {
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Set<String> URL_FIELDS = Set.of("requestId", "url", "sha256", "size");
  private static final Set<String> CHUNK_FIELDS = Set.of("requestId", "chunk", "of", "sha256", "data", "chunkSha256");

  private final UpdateManager manager;
  private final ChunkAssembler chunks;
  private final CompletedRequests completed;
  /** Requests handed to the worker and not finished: a copy arriving meanwhile (a reconnect) is not run twice. */
  private final java.util.Set<String> submitted = new java.util.HashSet<>();

  public ModelUpdateCommand(UpdateManager manager, java.nio.file.Path chunkDir, long maxBundleBytes,
      CompletedRequests completed) {
    this.manager = manager;
    this.chunks = new ChunkAssembler(chunkDir, maxBundleBytes);
    this.completed = completed;
  }

  @Override
  public boolean takesSubtopics() {
    return true;
  }

  @Override
  public synchronized ObjectNode handle(ObjectNode request) throws CommandException {
    ObjectNode reply = JsonNodeFactory.instance.objectNode();
    if (request.isEmpty()) {
      return reply.put("ignored", "empty command (a retained update being cleared)");
    }
    String id = requestId(request);
    Optional<String> done = completed.state(id);
    if (done.isPresent()) {
      submitted.remove(id);
      return reply.put("requestId", id).put("duplicate", true).put("state", done.get());
    }
    if (submitted.contains(id)) {
      return reply.put("requestId", id).put("duplicate", true).put("state", "in progress");
    }
    if (request.has("url")) {
      only(request, URL_FIELDS, "a url update");
      URI url = url(text(request, "url"));
      OptionalLong size = request.has("size") ? OptionalLong.of(positive(request, "size")) : OptionalLong.empty();
      Optional<String> sha = request.has("sha256") ? Optional.of(sha256(request, "sha256")) : Optional.empty();
      manager.announce(id, null, null, UpdateState.RECEIVED, null, null);
      submitted.add(id);
      int ahead = manager.submit(new UpdateRequest.FromUrl(id, url, size, sha));
      return reply.put("accepted", true).put("queued", ahead);
    }
    if (request.has("chunk")) {
      only(request, CHUNK_FIELDS, "a chunk");
      for (String f : List.of("of", "sha256", "data")) {
        if (!request.has(f)) {
          throw new CommandException("missing field \"" + f + "\" (a chunk has requestId, chunk, of, sha256, data)");
        }
      }
      int index = (int) integer(request, "chunk");
      int of = (int) positive(request, "of");
      byte[] data;
      try {
        data = Base64.getDecoder().decode(text(request, "data"));
      } catch (IllegalArgumentException e) {
        throw new CommandException("field \"data\": not base64: " + e.getMessage());
      }
      Optional<String> chunkSha = request.has("chunkSha256") ? Optional.of(sha256(request, "chunkSha256"))
          : Optional.empty();
      boolean first = !chunks.inProgress(id);
      try {
        Optional<java.nio.file.Path> bundle = chunks.accept(
            new ChunkAssembler.Chunk(id, index, of, sha256(request, "sha256"), data, chunkSha));
        if (first) {
          manager.announce(id, null, null, UpdateState.RECEIVED, null, null);
        }
        reply.put("chunk", index).put("of", of);
        if (bundle.isPresent()) {
          submitted.add(id);
          int ahead = manager.submit(new UpdateRequest.FromChunks(id, bundle.get()));
          reply.put("complete", true).put("queued", ahead);
        }
        return reply;
      } catch (UpdateFailure e) {
        // A bad chunk spoils the request: drop what arrived and report it once, as the update's end.
        chunks.discard(id);
        manager.announce(id, null, null, UpdateState.REJECTED, e.reason(), e.getMessage());
        throw new CommandException(e.reason() + ": " + e.getMessage());
      } catch (IOException e) {
        throw new CommandException("chunk " + index + " not stored: " + e.getMessage());
      }
    }
    throw new CommandException("a model/update needs \"url\" or \"chunk\" (with of, sha256, data)");
  }

  private static String requestId(ObjectNode request) throws CommandException {
    JsonNode v = request.get("requestId");
    if (v == null) {
      throw new CommandException("missing field \"requestId\" (updates are tracked by it)");
    }
    String id = v.isIntegralNumber() ? v.asText() : v.isTextual() ? v.textValue() : null;
    if (id == null || !REQUEST_ID.matcher(id).matches()) {
      throw new CommandException("field \"requestId\": 1 to 64 of A-Z a-z 0-9 . _ - (it names a folder), got " + v);
    }
    return id;
  }

  private static void only(ObjectNode request, Set<String> allowed, String what) throws CommandException {
    for (Iterator<String> it = request.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw new CommandException("unknown field \"" + f + "\" in " + what + " (allowed: "
            + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
      }
    }
  }

  private static String text(ObjectNode request, String field) throws CommandException {
    JsonNode v = request.get(field);
    if (v == null || !v.isTextual()) {
      throw new CommandException("field \"" + field + "\": expected a string");
    }
    return v.textValue();
  }

  private static long integer(ObjectNode request, String field) throws CommandException {
    JsonNode v = request.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new CommandException("field \"" + field + "\": expected an integer");
    }
    return v.intValue();
  }

  private static long positive(ObjectNode request, String field) throws CommandException {
    JsonNode v = request.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 1) {
      throw new CommandException("field \"" + field + "\": expected a positive integer");
    }
    return v.longValue();
  }

  private static String sha256(ObjectNode request, String field) throws CommandException {
    String s = text(request, field);
    if (!s.matches("[0-9a-fA-F]{64}")) {
      throw new CommandException("field \"" + field + "\": expected a SHA-256 in 64 hex digits");
    }
    return s.toLowerCase(java.util.Locale.ROOT);
  }

  private static URI url(String s) throws CommandException {
    try {
      URI u = new URI(s);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (!Set.of("https", "http", "file").contains(scheme)) {
        throw new CommandException("field \"url\": https://, http:// or file:// expected, got " + s);
      }
      return u;
    } catch (URISyntaxException e) {
      throw new CommandException("field \"url\": " + e.getMessage());
    }
  }
}
