package dev.edgeinfer.systemd;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One sd_notify(3) datagram: newline-separated {@code KEY=VALUE} assignments, e.g.
 * {@code READY=1\nSTATUS=...}. A value cannot span lines (systemd would read the rest as another
 * assignment), so line breaks in it become spaces.
 */
public final class NotifyMessage {
  private final Map<String, String> fields = new LinkedHashMap<>();

  private NotifyMessage() {}

  public static NotifyMessage of(String key, String value) {
    return new NotifyMessage().with(key, value);
  }

  public NotifyMessage with(String key, String value) {
    if (key.isEmpty() || !key.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || c == '_')) {
      throw new IllegalArgumentException("not a notify key: '" + key + "'");
    }
    fields.put(key, value.replaceAll("[\\r\\n]+", " "));
    return this;
  }

  public String text() {
    StringBuilder s = new StringBuilder();
    fields.forEach((k, v) -> s.append(k).append('=').append(v).append('\n'));
    return s.toString();
  }

  public byte[] bytes() {
    return text().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return text().strip().replace('\n', ' ');
  }
}
