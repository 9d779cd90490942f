package dev.edgeinfer.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One MQTT command (CONTRACTS.md, "MQTT commands"). Runs on the {@link CommandRouter}'s own
 * thread, one command at a time; it may take a while (a model download), but the next command
 * waits for it.
 */
@FunctionalInterface
public interface CommandHandler {
  /**
   * @param request the command's JSON object (already decoded within limits)
   * @return the reply's fields besides {@code ok} (may be empty)
   * @throws CommandException when the request is wrong or cannot be done; its message is the
   *     reply's {@code error}
   */
  ObjectNode handle(ObjectNode request) throws CommandException;
}
