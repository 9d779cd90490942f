package dev.edgeinfer.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgeinfer.pipeline.Precision;
import dev.edgeinfer.publish.CommandException;
import dev.edgeinfer.publish.CommandHandler;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code precision/set}: {@code {"precision": "int8" | "fp32" | "auto", "pipeline": "NAME",
 * "forSeconds": N}} overrides the precision policy ({@code auto} hands control back to it);
 * without {@code pipeline}, every pipeline that has an FP32 variant; without {@code forSeconds},
 * until changed. The request is network input: every field is checked before anything changes,
 * and a bad one is refused with the reason.
 *
 * <p>Replies {@code {"pipelines": {"NAME": {"precision": ..., "override": ..., "until": ...}}}}
 * with each pipeline's precision after the command. Runs on the command router's thread.
 */
public final class PrecisionSetCommand implements CommandHandler {
  static final Set<String> FIELDS = new TreeSet<>(List.of("pipeline", "precision", "forSeconds", "requestId"));
  /** Thirty days: longer is a config change, not an override. */
  static final double MAX_SECONDS = 30 * 86_400;

  private final PrecisionPolicy policy;

  public PrecisionSetCommand(PrecisionPolicy policy) {
    this.policy = policy;
  }

  @Override
  public ObjectNode handle(ObjectNode request) throws CommandException {
    for (Iterator<String> it = request.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!FIELDS.contains(field)) {
        throw new CommandException("unknown field \"" + field + "\" (known: " + String.join(", ", FIELDS) + ")");
      }
    }
    Optional<Precision> precision = precision(request.get("precision"));
    OptionalDouble forSeconds = forSeconds(request.get("forSeconds"));
    if (precision.isEmpty() && forSeconds.isPresent()) {
      throw new CommandException("forSeconds applies to int8 or fp32; auto hands control back to the policy for good");
    }
    List<PrecisionController> targets = targets(request.get("pipeline"));
    DeviceSignals.Snapshot signals = policy.signals().latest();
    ObjectNode reply = JsonNodeFactory.instance.objectNode();
    ObjectNode byName = reply.putObject("pipelines");
    for (PrecisionController c : targets) {
      c.override(precision, forSeconds, signals);
      ObjectNode node = byName.putObject(c.pipeline()).put("precision", c.variants().selected().configName());
      Optional<PrecisionOverride> o = c.currentOverride();
      node.put("override", o.map(ov -> ov.precision().configName()).orElse("auto"));
      if (o.isPresent() && o.get().untilMillis().isPresent()) {
        node.put("until", o.get().untilMillis().getAsLong());
      } else {
        node.putNull("until");
      }
    }
    return reply;
  }

  private static Optional<Precision> precision(JsonNode value) throws CommandException {
    if (value == null || value.isNull()) {
      throw new CommandException("precision is required: int8, fp32 or auto");
    }
    if (!value.isTextual()) {
      throw new CommandException("precision must be a string, int8, fp32 or auto, got " + value);
    }
    return switch (value.textValue()) {
      case "int8" -> Optional.of(Precision.INT8);
      case "fp32" -> Optional.of(Precision.FP32);
      case "auto" -> Optional.empty();
      default -> throw new CommandException("precision must be int8, fp32 or auto, got " + value);
    };
  }

  private static OptionalDouble forSeconds(JsonNode value) throws CommandException {
    if (value == null || value.isNull()) {
      return OptionalDouble.empty();
    }
    if (!value.isNumber()) {
      throw new CommandException("forSeconds must be a number of seconds, got " + value);
    }
    double s = value.doubleValue();
    if (!(s > 0) || s > MAX_SECONDS) {
      throw new CommandException("forSeconds must be > 0 and <= " + (long) MAX_SECONDS + " (30 days), got " + value);
    }
    return OptionalDouble.of(s);
  }

  private List<PrecisionController> targets(JsonNode pipeline) throws CommandException {
    if (pipeline == null || pipeline.isNull()) {
      List<PrecisionController> all = new ArrayList<>();
      policy.pipelines().forEach(name -> all.add(policy.controller(name).orElseThrow()));
      if (all.isEmpty()) {
        throw new CommandException("no pipeline has an fp32 variant, so there is no precision to set");
      }
      return all;
    }
    if (!pipeline.isTextual()) {
      throw new CommandException("pipeline must be a string, got " + pipeline);
    }
    String name = pipeline.textValue();
    Optional<PrecisionController> c = policy.controller(name);
    if (c.isPresent()) {
      return List.of(c.get());
    }
    Optional<String> model = policy.int8OnlyModel(name);
    if (model.isPresent()) {
      throw new CommandException("pipeline " + name + ": model " + model.get()
          + " has no fp32 variant, so it always runs int8");
    }
    throw new CommandException("no pipeline named \"" + name + "\" (pipelines with an fp32 variant: "
        + (policy.pipelines().isEmpty() ? "none" : String.join(", ", policy.pipelines())) + ")");
  }
}
