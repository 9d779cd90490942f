package dev.edgeinfer.publish;

import dev.edgeinfer.config.MqttConfig;
import java.util.List;
import java.util.Optional;

/**
 * Run in a child JVM by {@link LastWillTest}: connects a publisher, says CONNECTED on stdout,
 * and waits to be killed, so that its TCP connection dies without a DISCONNECT.
 */
public final class WillChild {
  public static void main(String[] args) throws Exception {
    // args[3] == "embedded": configured as with the embedded broker, args[0] being its URL.
    String broker = args.length > 3 && args[3].equals("embedded") ? "embedded" : args[0];
    MqttConfig config = new MqttConfig(broker, 0, args[2], "edgeinfer", 1, Optional.empty(), Optional.empty(), 60, 10);
    PahoMqtt5Publisher publisher = new PahoMqtt5Publisher(config, new Topics("edgeinfer", args[1], List.of()), args[0]);
    publisher.start(10_000);
    System.out.println("CONNECTED");
    System.out.flush();
    System.in.read(); // blocks until the parent kills us
  }
}
