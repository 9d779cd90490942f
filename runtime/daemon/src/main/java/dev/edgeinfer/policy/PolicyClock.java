package dev.edgeinfer.policy;

/**
 * The policy's two clocks: a monotonic one for durations (dwell time, expiries, label hold), so a
 * wall-clock jump at boot (a Raspberry Pi without RTC setting its time by NTP) cannot end or
 * stretch them, and the wall clock for timestamps in events and status. Tests drive a manual one.
 */
public interface PolicyClock {
  long nanoTime();

  long epochMillis();

  PolicyClock SYSTEM = new PolicyClock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public long epochMillis() {
      return System.currentTimeMillis();
    }
  };
}
