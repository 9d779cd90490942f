package dev.edgeinfer.pipeline;

/**
 * A change in a sensor's health, published on {@code PREFIX/DEVICE/event/sensor}: {@code failing}
 * once when reads start to fail (with the first error), {@code recovered} once when a read works
 * again (with how long it was down and how many retries it took).
 */
public record SensorEvent(String sensor, String pipeline, State state, String error, long downMillis, int retries,
    long epochMillis) {

  public enum State {
    FAILING, RECOVERED;

    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
