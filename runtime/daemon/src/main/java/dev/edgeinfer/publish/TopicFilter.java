package dev.edgeinfer.publish;

/**
 * MQTT topic filter matching (MQTT 5.0 section 4.7): {@code +} matches one level, {@code #} the
 * rest including the parent level. Topics starting with {@code $} never match a filter starting
 * with a wildcard (section 4.7.2). Stateless.
 *
 * <p>The publisher routes every incoming message through this rather than through Paho's
 * per-subscription listeners, so messages the broker delivers from a resumed session before our
 * explicit resubscribe still reach their handler.
 */
public final class TopicFilter {
  private TopicFilter() {}

  public static boolean matches(String filter, String topic) {
    if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
      return false;
    }
    String[] f = filter.split("/", -1);
    String[] t = topic.split("/", -1);
    for (int i = 0; i < f.length; i++) {
      if (f[i].equals("#")) {
        return i == f.length - 1;
      }
      if (i >= t.length) {
        return false;
      }
      if (!f[i].equals("+") && !f[i].equals(t[i])) {
        return false;
      }
    }
    return f.length == t.length;
  }
}
