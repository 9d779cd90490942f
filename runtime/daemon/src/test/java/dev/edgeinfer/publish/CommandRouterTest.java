package dev.edgeinfer.publish;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.edgeinfer.testing.MosquittoBroker;
import dev.edgeinfer.testing.TestSubscriber;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The router against a real Mosquitto, driven the way a user's tool would drive it. */
class CommandRouterTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock FIXED = Clock.fixed(Instant.ofEpochMilli(1_795_776_400_123L), ZoneOffset.UTC);
  private static final Topics TOPICS = new Topics("edgeinfer", "cmd-dev", List.of("line-a", "all"));

  private static MosquittoBroker broker;
  private static PahoMqtt5Publisher publisher;
  private static CommandRouter router;
  private static TestSubscriber user;

  @BeforeAll
  static void start() throws Exception {
    broker = MosquittoBroker.start();
    publisher = new PahoMqtt5Publisher(TestConfigs.mqtt(broker.url()), TOPICS);
    publisher.start(10_000);
    router = new CommandRouter(publisher, TOPICS, Map.of(
        "ping", new PingCommand(FIXED, "9.9.9"),
        "config/get", req -> JsonNodeFactory.instance.objectNode().put("echo", req.path("x").asText()),
        "fails", req -> {
          throw new CommandException("pipeline \"nope\" does not exist");
        },
        "bulk", new CommandHandler() {
          @Override
          public com.fasterxml.jackson.databind.node.ObjectNode handle(
              com.fasterxml.jackson.databind.node.ObjectNode req) {
            try {
              Thread.sleep(5); // slower than the burst arrives: the queue fills
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return JsonNodeFactory.instance.objectNode().put("n", req.path("n").asInt());
          }

          @Override
          public boolean takesSubtopics() {
            return true;
          }
        },
        "bug", req -> {
          throw new IllegalStateException("boom");
        },
        "precision/set", CommandHandler.withSchema(CommandSchema.empty()
            .optional("pipeline", CommandSchema.Type.STRING)
            .oneOf("precision", true, "int8", "fp32", "auto")
            .optional("forSeconds", CommandSchema.Type.INTEGER),
            req -> JsonNodeFactory.instance.objectNode().put("set", req.get("precision").asText()))));
    router.start();
    user = TestSubscriber.connect(broker.url(), "edgeinfer/cmd-dev/cmd/+/reply", "edgeinfer/cmd-dev/cmd/+/+/reply", "replies/#");
  }

  @AfterAll
  static void stop() {
    user.close();
    router.close();
    publisher.close();
    broker.close();
  }

  @BeforeEach
  void clear() {
    user.clear();
  }

  private static JsonNode send(String topic, String payload, String replyTopic) throws Exception {
    user.publish(topic, payload);
    return JSON.readTree(user.awaitTopic(replyTopic, WAIT).payload());
  }

  @Test
  void ping_repliesOnReplyTopic_withTimeVersionAndRequestId() throws Exception {
    JsonNode r = send(TOPICS.command("ping"), "{\"requestId\":\"r1\"}", TOPICS.commandReply("ping"));
    assertEquals(JSON.readTree("{\"ok\":true,\"time\":1795776400123,\"version\":\"9.9.9\",\"requestId\":\"r1\"}"), r);
  }

  @Test
  void subtopicsOfABulkHandler_reachIt_andABurstOverTheCommandQueueIsAllAnswered() throws Exception {
    int burst = 3 * CommandRouter.QUEUE_CAPACITY;
    for (int i = 0; i < burst; i++) {
      publishWhenTheClientHasRoom(TOPICS.groupCommand("line-a", "bulk") + "/chunk/" + i, "{\"n\":" + i + "}");
    }
    java.util.Set<Integer> answered = new java.util.TreeSet<>();
    for (int i = 0; i < burst; i++) {
      JsonNode r = JSON.readTree(user.awaitTopic(TOPICS.commandReply("bulk"), WAIT).payload());
      assertTrue(r.path("ok").asBoolean(), r.toString());
      answered.add(r.path("n").asInt());
    }
    assertEquals(burst, answered.size());
  }

  /** Our own client may have only so many QoS 1 publishes unacknowledged (the broker's Receive Maximum). */
  private static void publishWhenTheClientHasRoom(String topic, String payload) throws InterruptedException {
    for (int attempt = 0; ; attempt++) {
      try {
        user.publish(topic, payload);
        return;
      } catch (IllegalStateException e) {
        if (attempt > 1000) {
          throw e;
        }
        Thread.sleep(2);
      }
    }
  }

  @Test
  void emptyPayload_isTheEmptyCommand() throws Exception {
    JsonNode r = send(TOPICS.command("ping"), "", TOPICS.commandReply("ping"));
    assertTrue(r.get("ok").asBoolean());
    assertFalse(r.has("requestId"));
  }

  @Test
  void mqtt5ResponseTopic_getsReplyWithSameCorrelationData() throws Exception {
    byte[] correlation = {0, 1, 2, (byte) 0xff};
    user.publish(TOPICS.command("config/get"), "{\"x\":\"hello\"}".getBytes(StandardCharsets.UTF_8), "replies/me", correlation);
    TestSubscriber.Received m = user.awaitTopic("replies/me", WAIT);
    assertArrayEquals(correlation, m.correlationData());
    assertEquals(JSON.readTree("{\"ok\":true,\"echo\":\"hello\"}"), JSON.readTree(m.payload()));
    user.assertNothingWithin(Duration.ofMillis(300)); // and not also on .../reply
  }

  @Test
  void groupCommand_answeredOnDeviceReplyTopic() throws Exception {
    JsonNode r = send(TOPICS.groupCommand("line-a", "ping"), "{\"requestId\":7}", TOPICS.commandReply("ping"));
    assertTrue(r.get("ok").asBoolean());
    assertEquals(7, r.get("requestId").asInt());
  }

  @Test
  void otherGroup_ignored() {
    user.publish("edgeinfer/group/other/cmd/ping", "{}");
    user.assertNothingWithin(Duration.ofMillis(500));
  }

  @Test
  void badInput_errorRepliesAndTheRouterKeepsAnswering() throws Exception {
    JsonNode r = send(TOPICS.command("ping"), "{\"requestId\":", TOPICS.commandReply("ping"));
    assertFalse(r.get("ok").asBoolean());
    assertTrue(r.get("error").asText().startsWith("malformed JSON"), r.toString());

    r = send(TOPICS.command("ping"), "[1,2]", TOPICS.commandReply("ping"));
    assertEquals("a command must be a JSON object, got array", r.get("error").asText());

    r = send(TOPICS.command("foo"), "{\"requestId\":\"r2\"}", TOPICS.commandReply("foo"));
    assertEquals("unknown command \"foo\" (known: bug, bulk, config/get, fails, ping, precision/set)", r.get("error").asText());
    assertEquals("r2", r.get("requestId").asText());

    byte[] big = new byte[CommandRouter.MAX_PAYLOAD_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    user.publish(TOPICS.command("ping"), big);
    r = JSON.readTree(user.awaitTopic(TOPICS.commandReply("ping"), WAIT).payload());
    assertEquals("payload of 262145 bytes is over the limit of 262144", r.get("error").asText());

    r = send(TOPICS.command("fails"), "{}", TOPICS.commandReply("fails"));
    assertEquals(JSON.readTree("{\"ok\":false,\"error\":\"pipeline \\\"nope\\\" does not exist\"}"), r);

    r = send(TOPICS.command("bug"), "{}", TOPICS.commandReply("bug"));
    assertEquals("internal error: java.lang.IllegalStateException: boom", r.get("error").asText());

    r = send(TOPICS.command("ping"), "{\"requestId\":\"still-alive\"}", TOPICS.commandReply("ping"));
    assertTrue(r.get("ok").asBoolean());
    assertEquals("still-alive", r.get("requestId").asText());
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> malformed() {
    String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
    return java.util.stream.Stream.of(
        row("ping", "{\"requestId\":", "malformed JSON: Unexpected end-of-input within/between Object entries"),
        row("ping", "{'requestId': 1}", "malformed JSON: Unexpected character (''' (code 39)): was expecting double-quote to start field name"),
        row("ping", "[1,2]", "a command must be a JSON object, got array"),
        row("ping", "\"ping\"", "a command must be a JSON object, got string"),
        row("ping", "42", "a command must be a JSON object, got number"),
        row("ping", "null", "a command must be a JSON object, got null"),
        row("ping", "{} {}", "malformed JSON: Trailing token (of type START_OBJECT) found after value (bound as `com.fasterxml.jackson.databind.JsonNode`): not allowed as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`"),
        row("ping", deep, "JSON nested deeper than 16 levels"),
        row("ping", "{\"requestId\":{\"a\":1}}", "field \"requestId\": expected a string or an integer, got an object"),
        row("ping", "{\"requestId\":true}", "field \"requestId\": expected a string or an integer, got true"),
        row("ping", "{\"verbose\":1}", "unknown field \"verbose\" (allowed: requestId)"),
        row("nope", "{}", "unknown command \"nope\" (known: bug, bulk, config/get, fails, ping, precision/set)"),
        row("model/zap", "{}", "unknown command \"model/zap\" (known: bug, bulk, config/get, fails, ping, precision/set)"),
        row("precision/set", "{}", "missing field \"precision\" (a string)"),
        row("precision/set", "{\"pipeline\":\"v\"}", "missing field \"precision\" (a string)"),
        row("precision/set", "{\"precision\":8}", "field \"precision\": expected a string, got 8"),
        row("precision/set", "{\"precision\":\"int4\"}", "field \"precision\": must be one of int8, fp32, auto, got \"int4\""),
        row("precision/set", "{\"precision\":\"fp32\",\"forSeconds\":\"600\"}", "field \"forSeconds\": expected an integer, got \"600\""),
        row("precision/set", "{\"precision\":\"fp32\",\"forSeconds\":1.5}", "field \"forSeconds\": expected an integer, got 1.5"),
        row("precision/set", "{\"precision\":\"fp32\",\"pipline\":\"v\"}", "unknown field \"pipline\" (allowed: pipeline, precision, forSeconds, requestId)"));
  }

  private static org.junit.jupiter.params.provider.Arguments row(String name, String payload, String error) {
    return org.junit.jupiter.params.provider.Arguments.of(name, payload, error);
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1}")
  @org.junit.jupiter.params.provider.MethodSource("malformed")
  void malformedCommand_errorReplyWithTheReason(String name, String payload, String error) throws Exception {
    JsonNode r = send(TOPICS.command(name), payload, TOPICS.commandReply(name));
    assertEquals(false, r.get("ok").asBoolean(), r.toString());
    assertEquals(error, r.get("error").asText());
  }

  @Test
  void invalidUtf8_errorReply() throws Exception {
    user.publish(TOPICS.command("ping"), new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'});
    JsonNode r = JSON.readTree(user.awaitTopic(TOPICS.commandReply("ping"), WAIT).payload());
    assertFalse(r.get("ok").asBoolean());
    assertTrue(r.get("error").asText().startsWith("malformed JSON: Invalid UTF-8 start byte 0xff"), r.toString());
  }

  @Test
  void validCommandWithSchema_runs() throws Exception {
    JsonNode r = send(TOPICS.command("precision/set"), "{\"precision\":\"fp32\",\"forSeconds\":600,\"requestId\":\"r9\"}",
        TOPICS.commandReply("precision/set"));
    assertEquals(JSON.readTree("{\"ok\":true,\"set\":\"fp32\",\"requestId\":\"r9\"}"), r);
  }

  @Test
  void eachCommand_exactlyOneReply() throws Exception {
    send(TOPICS.command("ping"), "{}", TOPICS.commandReply("ping"));
    user.assertNothingWithin(Duration.ofMillis(500));
  }
}
