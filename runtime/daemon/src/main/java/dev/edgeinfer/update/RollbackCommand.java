package dev.edgeinfer.update;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgeinfer.config.ModelConfig;
import dev.edgeinfer.publish.CommandException;
import dev.edgeinfer.publish.CommandHandler;
import dev.edgeinfer.publish.CommandSchema;

/**
 * {@code model/rollback} {@code {"model":"vibration"}}: the store's active version becomes the
 * previous one and the pipelines switch to it at their next window; replies with both versions
 * and announces {@code rolled_back} (reason {@code rollback_command}). Runs on the update worker,
 * after any update in progress.
 */
public final class RollbackCommand implements CommandHandler {
  private final UpdateManager manager;
  private final ModelSwitcher switcher;

  public RollbackCommand(UpdateManager manager, ModelSwitcher switcher) {
    this.manager = manager;
    this.switcher = switcher;
  }

  @Override
  public CommandSchema schema() {
    return CommandSchema.empty().required("model", CommandSchema.Type.STRING);
  }

  @Override
  public ObjectNode handle(ObjectNode request) throws CommandException {
    String model = request.get("model").textValue();
    String requestId = request.hasNonNull("requestId") ? request.get("requestId").asText() : null;
    try {
      return manager.onWorker(() -> {
        String from = switcher.pipelinesOf(model).isEmpty() ? null : switcher.running(model).version();
        ModelConfig now = manager.restorePrevious(model);
        manager.announce(requestId, model, from, UpdateState.ROLLED_BACK, "rollback_command",
            "returned to version " + now.version() + " on request");
        return JsonNodeFactory.instance.objectNode().put("model", model).put("from", from)
            .put("to", now.version());
      });
    } catch (UpdateFailure e) {
      throw new CommandException(e.reason() + ": " + e.getMessage());
    } catch (Exception e) {
      throw new CommandException("rollback of " + model + " failed: " + e.getMessage());
    }
  }
}
