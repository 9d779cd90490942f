package dev.edgeinfer.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgeinfer.pipeline.InferenceResult;

/**
 * The JSON of one inference on {@code PREFIX/DEVICE/inference/PIPELINE}, as CONTRACTS.md gives
 * it: device, pipeline, seq, ts (epoch ms of the window's last sample), model {name, version,
 * precision, escalated}, engine, latencyMs, and result ({label, score, scores} or {values}).
 * {@code escalated} is true when INT8 was not confident enough and the answer is FP32's re-run.
 */
public final class ResultPayload {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ResultPayload() {}

  public static byte[] encode(String deviceId, InferenceResult r) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("device", deviceId);
    root.put("pipeline", r.pipeline());
    root.put("seq", r.seq());
    root.put("ts", r.windowEndMillis());
    ObjectNode model = root.putObject("model");
    model.put("name", r.modelName());
    model.put("version", r.modelVersion());
    model.put("precision", r.precision());
    model.put("escalated", r.escalated());
    root.put("engine", r.engine());
    root.put("latencyMs", Math.round(r.latencyMs() * 1000) / 1000.0);
    ObjectNode result = root.putObject("result");
    if (r.label() != null) {
      result.put("label", r.label());
      result.put("score", round(r.score()));
      ObjectNode scores = result.putObject("scores");
      r.scores().forEach((label, score) -> scores.put(label, round(score)));
    } else {
      ArrayNode values = result.putArray("values");
      for (float v : r.values()) {
        values.add(v);
      }
    }
    try {
      return MAPPER.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Scores to 6 decimals: more digits than any INT8 (1/256) or FP32 softmax answer needs on the wire. */
  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
