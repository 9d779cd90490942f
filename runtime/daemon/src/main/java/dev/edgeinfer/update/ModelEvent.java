package dev.edgeinfer.update;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One progress message on {@code PREFIX/DEVICE/event/model}: {@code {"requestId","model",
 * "version","state","reason","error","ts"}}; {@code model}/{@code version} are null until the
 * bundle's manifest has been read, {@code reason}/{@code error} only on failures (and on rollbacks).
 */
public record ModelEvent(String requestId, String model, String version, UpdateState state, String reason,
    String error, long ts) {

  public ObjectNode toJson(ObjectMapper json) {
    ObjectNode o = json.createObjectNode();
    o.put("requestId", requestId);
    o.put("model", model);
    o.put("version", version);
    o.put("state", state.wireName());
    if (reason != null) {
      o.put("reason", reason);
    }
    o.put("error", error);
    o.put("ts", ts);
    return o;
  }
}
