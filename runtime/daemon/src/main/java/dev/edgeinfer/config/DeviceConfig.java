package dev.edgeinfer.config;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code device}: who this daemon is. {@code stateDir} holds what must survive a restart
 * (sequence numbers now; the outbox and model store later).
 */
public record DeviceConfig(String id, List<String> groups, Path stateDir) {
  public DeviceConfig {
    groups = List.copyOf(groups);
  }
}
