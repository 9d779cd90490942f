package dev.edgeinfer.publish;

import java.util.Optional;

/** A message received on a subscribed topic, with the MQTT 5 request/response properties when present. */
public record IncomingMessage(String topic, byte[] payload, Optional<String> responseTopic, Optional<byte[]> correlationData) {}
