package dev.edgeinfer.publish;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;

/** {@code ping}: replies with the time (epoch ms) and the daemon's version. Stateless, thread-safe. */
public final class PingCommand implements CommandHandler {
  private final Clock clock;
  private final String version;

  public PingCommand(Clock clock) {
    this(clock, dev.edgeinfer.system.Version.current());
  }

  PingCommand(Clock clock, String version) {
    this.clock = clock;
    this.version = version;
  }

  @Override
  public CommandSchema schema() {
    return CommandSchema.empty();
  }

  @Override
  public ObjectNode handle(ObjectNode request) {
    ObjectNode reply = JsonNodeFactory.instance.objectNode();
    reply.put("time", clock.millis());
    reply.put("version", version);
    return reply;
  }
}
