package dev.edgeinfer.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgeinfer.pipeline.SensorEvent;

/**
 * The JSON of a sensor health change on {@code PREFIX/DEVICE/event/sensor}: {@code {"device",
 * "sensor", "pipeline", "state": "failing", "error", "ts"}} when an outage starts, and {@code
 * {..., "state": "recovered", "downMs", "retries", "ts"}} when it ends.
 */
public final class SensorEventPayload {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SensorEventPayload() {}

  public static byte[] encode(String deviceId, SensorEvent e) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("device", deviceId);
    root.put("sensor", e.sensor());
    if (!e.pipeline().isEmpty()) {
      root.put("pipeline", e.pipeline()); // none for a sensor that only status reads
    }
    root.put("state", e.state().configName());
    if (e.state() == SensorEvent.State.FAILING) {
      root.put("error", e.error());
    } else {
      root.put("downMs", e.downMillis());
      root.put("retries", e.retries());
    }
    root.put("ts", e.epochMillis());
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
