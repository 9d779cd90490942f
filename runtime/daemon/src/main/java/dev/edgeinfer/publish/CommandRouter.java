package dev.edgeinfer.publish;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Receives commands on the device's and its groups' command topics, decodes each as a JSON
 * object within {@link #MAX_PAYLOAD_BYTES} and {@link #MAX_DEPTH} levels of nesting, checks it
 * against the handler's {@link CommandSchema}, runs the handler registered under its NAME, and
 * publishes exactly one reply: {@code {"ok":true, ...}} or {@code {"ok":false,"error":"..."}}, on
 * the request's MQTT 5 response topic with its correlation data, else on {@code
 * PREFIX/DEVICE/cmd/NAME/reply}; {@code "requestId"} is echoed when the request had one.
 *
 * <p>Commands are bytes from the network: every way they can be wrong ends in an error reply and
 * one log line, never in an exception on the MQTT client's thread. Handlers run one at a time on
 * the router's own thread, so a slow one (a model download) never stalls the MQTT client; when
 * {@link #QUEUE_CAPACITY} commands already wait, a new one gets a "busy" error reply.
 *
 * <p>Thread-safe. The handler map is fixed at construction: the router knows no command itself.
 */
public final class CommandRouter implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CommandRouter.class.getName());
  public static final int MAX_PAYLOAD_BYTES = 256 * 1024;
  static final int QUEUE_CAPACITY = 32;
  /** Commands are flat: a few levels of nesting are plenty, hundreds are an attack on the parser's stack. */
  public static final int MAX_DEPTH = 16;

  private final Publisher publisher;
  private final Topics topics;
  private final Map<String, CommandHandler> handlers;
  private final ObjectMapper json = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
      .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private final ThreadPoolExecutor worker;
  /**
   * Bytes of bulk messages (for a {@link CommandHandler#takesSubtopics()} handler: bundle chunks)
   * that may wait at once. They are counted by size, not number, because a reconnect delivers all
   * retained chunks of an update in one burst; the MQTT client's thread must never wait for room
   * (it also reads the acknowledgements our own replies wait for).
   */
  static final long BULK_BYTES = 32L << 20;
  private final java.util.concurrent.atomic.AtomicInteger waiting = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicLong waitingBulkBytes = new java.util.concurrent.atomic.AtomicLong();

  public CommandRouter(Publisher publisher, Topics topics, Map<String, CommandHandler> handlers) {
    this.publisher = publisher;
    this.topics = topics;
    this.handlers = Map.copyOf(new TreeMap<>(handlers));
    // Unbounded queue; admission is counted in onMessage (commands by number, bulk messages by bytes).
    this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new java.util.concurrent.LinkedBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "mqtt-commands");
          t.setDaemon(true);
          return t;
        });
  }

  /** Subscribes to {@link Topics#commandFilters()}; the publisher renews them after each reconnect. */
  public void start() throws PublishException {
    for (String filter : topics.commandFilters()) {
      publisher.subscribe(filter, this::onMessage);
    }
  }

  /** Runs on the MQTT client's thread: only hands the message over. */
  private void onMessage(IncomingMessage message) {
    Optional<String> received = topics.commandName(message.topic());
    if (received.isEmpty()) {
      return; // a reply (ours or another device's), or not a command topic
    }
    Optional<String> name = Optional.of(handlerName(received.get()));
    if (handlers.containsKey(name.get()) && handlers.get(name.get()).takesSubtopics()) {
      long size = message.payload().length;
      if (waitingBulkBytes.addAndGet(size) > BULK_BYTES) {
        waitingBulkBytes.addAndGet(-size);
        LOG.warning(() -> "command " + name.get() + " refused: " + BULK_BYTES + " bytes of bulk messages already waiting");
        reply(name.get(), message, null, error("busy: " + BULK_BYTES + " bytes of messages already waiting, try again later"));
        return;
      }
      submit(name.get(), message, () -> waitingBulkBytes.addAndGet(-size));
      return;
    }
    if (waiting.incrementAndGet() > QUEUE_CAPACITY) {
      waiting.decrementAndGet();
      LOG.warning(() -> "command " + name.get() + " refused: " + QUEUE_CAPACITY + " commands already waiting");
      reply(name.get(), message, null, error("busy: " + QUEUE_CAPACITY + " commands already waiting, try again later"));
      return;
    }
    submit(name.get(), message, waiting::decrementAndGet);
  }

  /** Queues the command; {@code dequeued} runs when it leaves the queue (so it no longer counts as waiting). */
  private void submit(String name, IncomingMessage message, Runnable dequeued) {
    try {
      worker.execute(() -> {
        dequeued.run();
        handle(name, message);
      });
    } catch (RejectedExecutionException e) {
      dequeued.run(); // closed: dropped without a reply, like the rest of the queue
    }
  }

  /** {@code name}, or the nearest enclosing name whose handler takes subtopics. */
  private String handlerName(String name) {
    if (handlers.containsKey(name)) {
      return name;
    }
    for (int slash = name.lastIndexOf('/'); slash > 0; slash = name.lastIndexOf('/', slash - 1)) {
      CommandHandler h = handlers.get(name.substring(0, slash));
      if (h != null && h.takesSubtopics()) {
        return name.substring(0, slash);
      }
    }
    return name;
  }

  private void handle(String name, IncomingMessage message) {
    ObjectNode request = null;
    ObjectNode reply;
    try {
      request = decode(message.payload());
      CommandHandler handler = handlers.get(name);
      if (handler == null) {
        throw new CommandException("unknown command \"" + name + "\" (known: " + String.join(", ", new TreeMap<>(handlers).keySet()) + ")");
      }
      handler.schema().validate(request);
      ObjectNode body = handler.handle(request);
      ObjectNode ok = json.createObjectNode().put("ok", true);
      if (body != null) {
        body.fields().forEachRemaining(f -> {
          if (!f.getKey().equals("ok")) {
            ok.set(f.getKey(), f.getValue());
          }
        });
      }
      reply = ok;
    } catch (CommandException e) {
      LOG.info(() -> "command " + name + " on " + message.topic() + ": " + e.getMessage());
      reply = error(e.getMessage());
    } catch (RuntimeException e) {
      // One line at WARNING like every other bad command; the stack trace at FINE for debugging.
      LOG.warning(() -> "command " + name + " failed: " + e);
      LOG.log(Level.FINE, "command " + name + " failed", e);
      reply = error("internal error: " + e);
    }
    reply(name, message, request, reply);
  }

  private ObjectNode decode(byte[] payload) throws CommandException {
    if (payload.length > MAX_PAYLOAD_BYTES) {
      throw new CommandException("payload of " + payload.length + " bytes is over the limit of " + MAX_PAYLOAD_BYTES);
    }
    if (payload.length == 0) {
      return json.createObjectNode(); // an empty message is the empty command {}
    }
    JsonNode node;
    try {
      node = json.readTree(payload);
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      throw new CommandException("JSON nested deeper than " + MAX_DEPTH + " levels");
    } catch (JsonProcessingException e) {
      throw new CommandException("malformed JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new CommandException("unreadable payload: " + e.getMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw new CommandException("a command must be a JSON object, got " + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase()));
    }
    return object;
  }

  private ObjectNode error(String message) {
    return json.createObjectNode().put("ok", false).put("error", message);
  }

  private void reply(String name, IncomingMessage message, ObjectNode request, ObjectNode reply) {
    if (request != null && request.hasNonNull("requestId")) {
      reply.set("requestId", request.get("requestId"));
    }
    String topic = message.responseTopic().filter(t -> !t.isEmpty()).orElseGet(() -> topics.commandReply(name));
    try {
      publisher.publish(topic, json.writeValueAsBytes(reply), 1, false, message.correlationData());
    } catch (PublishException | JsonProcessingException e) {
      LOG.warning(() -> "reply to command " + name + " not sent: " + e.getMessage());
    }
  }

  /** Stops taking commands; those already queued are dropped without a reply. */
  @Override
  public void close() {
    worker.shutdownNow();
  }
}
