package dev.edgeinfer.publish;

import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A Paho MQTT 5 callback for clients that only receive: the operator's CLI session, the
 * benchmarks' subscriber and the tests' subscriber. Paho's interface has no defaults, so without
 * this each of them spelled out the same five empty methods.
 */
public final class MessageCallbacks {
  private MessageCallbacks() {}

  /** Hands every message to {@code onMessage} (on Paho's thread) and ignores the other events. */
  public static MqttCallback onMessage(BiConsumer<String, MqttMessage> onMessage) {
    return new MqttCallback() {
      @Override
      public void messageArrived(String topic, MqttMessage message) {
        onMessage.accept(topic, message);
      }

      @Override
      public void disconnected(MqttDisconnectResponse response) {}

      @Override
      public void mqttErrorOccurred(MqttException exception) {}

      @Override
      public void deliveryComplete(IMqttToken token) {}

      @Override
      public void connectComplete(boolean reconnect, String serverURI) {}

      @Override
      public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    };
  }
}
