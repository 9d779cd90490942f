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

  /**
   * What a request must look like; the router checks it before {@link #handle} runs. The default
   * accepts any object (for handlers that check their request themselves).
   */
  default CommandSchema schema() {
    return CommandSchema.any();
  }

  /**
   * Whether this handler also takes the commands below its name ({@code model/update/chunk/7} for
   * {@code model/update}): a bundle's chunks are retained each on its own topic, since a broker
   * keeps one retained message per topic. Its messages are admitted to the router's queue by
   * their bytes rather than counted as commands, since a reconnect delivers all retained chunks at once.
   */
  default boolean takesSubtopics() {
    return false;
  }

  /** {@code handler} checked against {@code schema}. */
  static CommandHandler withSchema(CommandSchema schema, CommandHandler handler) {
    return new CommandHandler() {
      @Override
      public ObjectNode handle(ObjectNode request) throws CommandException {
        return handler.handle(request);
      }

      @Override
      public CommandSchema schema() {
        return schema;
      }
    };
  }
}
