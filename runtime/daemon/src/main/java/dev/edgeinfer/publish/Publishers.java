package dev.edgeinfer.publish;

import dev.edgeinfer.config.MqttConfig;

/** Picks the Paho client for {@code mqtt.protocol}. */
public final class Publishers {
  private Publishers() {}

  /** {@code brokerUrl}: the first broker to try (the embedded broker's URL when the config says embedded). */
  public static Publisher open(MqttConfig config, Topics topics, String brokerUrl) throws PublishException {
    return switch (config.protocol()) {
      case MQTT_5 -> new PahoMqtt5Publisher(config, topics, brokerUrl);
      case MQTT_3_1_1 -> new PahoMqtt3Publisher(config, topics, brokerUrl);
    };
  }
}
