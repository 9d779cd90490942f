package dev.edgeinfer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The remote form of {@code edgeinfer model rollback}: sends {@code model/rollback} to a running
 * daemon over MQTT and prints its reply (the versions it went from and to). It takes effect at
 * once, unlike the local form, which edits the store of a stopped daemon.
 */
final class RemoteRollback {
  private static final long REPLY_MILLIS = 30_000;

  private RemoteRollback() {}

  /** Exit status: OK on {@code "ok":true}, FAILURE on an error reply or none in time. */
  static int run(String broker, String prefix, String device, String model) throws Exception {
    ObjectMapper json = new ObjectMapper();
    String id = "rb-" + UUID.randomUUID().toString().substring(0, 8);
    String replyTopic = "edgeinfer-cli/" + id + "/reply";
    byte[] correlation = id.getBytes(StandardCharsets.UTF_8);
    try (MqttSession session = MqttSession.connect(broker)) {
      session.subscribe(replyTopic);
      session.request(prefix + "/" + device + "/cmd/model/rollback",
          json.writeValueAsBytes(json.createObjectNode().put("requestId", id).put("model", model)), replyTopic,
          correlation);
      long deadline = System.currentTimeMillis() + REPLY_MILLIS;
      while (System.currentTimeMillis() < deadline) {
        MqttSession.Message m = session.poll(deadline - System.currentTimeMillis());
        if (m == null || !m.topic().equals(replyTopic)) {
          continue;
        }
        JsonNode reply = json.readTree(m.payload());
        if (reply.path("ok").asBoolean()) {
          System.out.println(device + ": " + model + " rolled back from " + reply.path("from").asText() + " to "
              + reply.path("to").asText());
          return Main.OK;
        }
        System.err.println(device + ": rollback of " + model + " refused: " + reply.path("error").asText());
        return Main.FAILURE;
      }
      System.err.println(device + ": no reply to model/rollback within " + REPLY_MILLIS / 1000 + " s");
      return Main.FAILURE;
    }
  }
}
