package dev.edgeinfer.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgeinfer.engine.ModelLoadException;
import dev.edgeinfer.publish.CommandException;
import dev.edgeinfer.publish.CommandHandler;
import java.io.IOException;
import java.util.List;

/**
 * {@code precision/benchmark}: {@code {"pipeline": "NAME"}} (optional: every pipeline with an
 * FP32 variant) measures both variants on this device now, as at start-up, and replies with the
 * costs, which the policy then uses. Runs on the command router's thread, beside the pipelines.
 */
public final class PrecisionBenchmarkCommand implements CommandHandler {
  private final PrecisionPolicy policy;

  public PrecisionBenchmarkCommand(PrecisionPolicy policy) {
    this.policy = policy;
  }

  @Override
  public ObjectNode handle(ObjectNode request) throws CommandException {
    JsonNode pipeline = request.get("pipeline");
    List<String> names;
    if (pipeline == null || pipeline.isNull()) {
      names = policy.pipelines();
    } else if (!pipeline.isTextual() || policy.controller(pipeline.textValue()).isEmpty()) {
      throw new CommandException("pipeline must name a pipeline with an fp32 variant ("
          + (policy.pipelines().isEmpty() ? "there is none" : String.join(", ", policy.pipelines())) + "), got "
          + pipeline);
    } else {
      names = List.of(pipeline.textValue());
    }
    if (names.isEmpty()) {
      throw new CommandException("no pipeline has an fp32 variant, so there is nothing to compare");
    }
    ObjectNode reply = JsonNodeFactory.instance.objectNode();
    ObjectNode byName = reply.putObject("pipelines");
    for (String name : names) {
      try {
        MeasuredCosts c = policy.benchmark(name);
        ObjectNode node = byName.putObject(name).put("measuredAt", c.measuredAtMillis());
        node.set("int8", PolicyStatus.cost(c.int8()));
        node.set("fp32", PolicyStatus.cost(c.fp32()));
      } catch (ModelLoadException | IOException e) {
        throw new CommandException("pipeline " + name + ": benchmark failed: " + e.getMessage(), e);
      }
    }
    return reply;
  }
}
