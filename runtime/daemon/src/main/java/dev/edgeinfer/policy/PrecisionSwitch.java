package dev.edgeinfer.policy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgeinfer.pipeline.Precision;

/**
 * One precision switch, as published on {@code PREFIX/DEVICE/event/precision}: {@code
 * {"pipeline","from","to","reason","ts"}} with {@code ts} the epoch milliseconds of the decision.
 */
public record PrecisionSwitch(String pipeline, Precision from, Precision to, String reason, long ts) {

  public ObjectNode toJson() {
    return JsonNodeFactory.instance.objectNode()
        .put("pipeline", pipeline)
        .put("from", from.configName())
        .put("to", to.configName())
        .put("reason", reason)
        .put("ts", ts);
  }
}
