package dev.edgeinfer.sensor;

import java.util.List;
import java.util.Random;

/**
 * A seeded 3-axis accelerometer (x, y radial; z axial, with 1 g of gravity) on a rotating machine
 * that walks through machine states, {@code samplesPerState} samples each, in the given order and
 * then again. The same seed gives the same samples on every JVM: java.util.Random's sequence and
 * StrictMath are specified bit for bit.
 *
 * <p>What each state sounds like (amplitudes in g, f the shaft rate, about 25 Hz):
 * <ul>
 *   <li>idle: the machine is stopped; low broadband noise only;
 *   <li>normal: a moderate 1x line, elliptical in x/y, small 2x and 3x harmonics;
 *   <li>imbalance: a strong 1x line on x and y, 90 degrees apart (a rotating force), little on z;
 *   <li>bearing_wear: normal plus bearing tones at about 5.1f and 6.6f and ringing impulses
 *       near 170 Hz, with more noise.
 * </ul>
 * Each state period draws its own amplitude, shaft rate and noise level, and the shaft rate and
 * amplitude wander slowly within a period, so a classifier cannot memorise one exact spectrum.
 * Tones are meant for rates of 400 Hz or more; below that they fold back (alias).
 *
 * <p>Not thread-safe; one generator per consumer.
 */
public final class VibrationGenerator {

  public static final int CHANNELS = 3;
  private static final double TWO_PI = 2 * Math.PI;

  private final Random random;
  private final double rateHz;
  private final List<MachineState> states;
  private final long samplesPerState;

  private long index;
  // Drawn at the start of every state period.
  private double amplitude;
  private double baseShaftHz;
  private double noise;
  // Slowly wandering within the period.
  private double shaftHz;
  private double wobble;
  // Phases kept in [0, 2pi) so precision does not decay over a long run.
  private double shaftPhase;
  private double bearingPhase1;
  private double bearingPhase2;
  private double secondsSinceImpulse;

  public VibrationGenerator(long seed, double rateHz, List<MachineState> states, long samplesPerState) {
    if (!(rateHz > 0) || Double.isInfinite(rateHz)) {
      throw new IllegalArgumentException("rateHz must be positive: " + rateHz);
    }
    if (states.isEmpty()) {
      throw new IllegalArgumentException("at least one machine state is needed");
    }
    if (samplesPerState < 1) {
      throw new IllegalArgumentException("samplesPerState must be >= 1: " + samplesPerState);
    }
    this.random = new Random(seed);
    this.rateHz = rateHz;
    this.states = List.copyOf(states);
    this.samplesPerState = samplesPerState;
  }

  /** The state sample {@code i} (counting from 0) is generated in; a pure function of i. */
  public MachineState stateAt(long i) {
    return states.get((int) ((i / samplesPerState) % states.size()));
  }

  /** How many samples have been generated. */
  public long index() {
    return index;
  }

  /** Writes the next sample's x, y, z into {@code out} and returns the state it belongs to. */
  public MachineState next(float[] out) {
    MachineState state = stateAt(index);
    if (index % samplesPerState == 0) {
      startPeriod();
    }
    wander();
    double dt = 1 / rateHz;
    shaftPhase = advance(shaftPhase, shaftHz * dt);
    bearingPhase1 = advance(bearingPhase1, 5.1 * shaftHz * dt);
    bearingPhase2 = advance(bearingPhase2, 6.6 * shaftHz * dt);
    secondsSinceImpulse += dt;

    double a = amplitude * wobble;
    double x = 0;
    double y = 0;
    double z = 1.0; // gravity on the axial axis
    double sigma = noise;
    switch (state) {
      case IDLE:
        sigma = 0.008 * noise / 0.02;
        break;
      case NORMAL:
        x += rotation(0.10 * a, 0.03 * a, 0.015 * a, 0);
        y += 0.8 * rotation(0.10 * a, 0.03 * a, 0.015 * a, Math.PI / 2);
        z += 0.3 * rotation(0.10 * a, 0, 0, 0.5);
        break;
      case IMBALANCE:
        x += rotation(0.50 * a, 0.03 * a, 0, 0);
        y += rotation(0.50 * a, 0.03 * a, 0, Math.PI / 2);
        z += rotation(0.04 * a, 0, 0, 0.5);
        break;
      case BEARING_WEAR:
        x += rotation(0.10 * a, 0.03 * a, 0.015 * a, 0);
        y += 0.8 * rotation(0.10 * a, 0.03 * a, 0.015 * a, Math.PI / 2);
        z += 0.3 * rotation(0.10 * a, 0, 0, 0.5);
        double tones = 0.06 * a * StrictMath.sin(bearingPhase1) + 0.04 * a * StrictMath.sin(bearingPhase2);
        double ring = impulse(a);
        x += tones + ring;
        y += 0.7 * tones + 0.8 * ring;
        z += 0.5 * tones + 0.4 * ring;
        sigma = 1.6 * noise;
        break;
      default:
        throw new IllegalStateException("unhandled state " + state);
    }
    out[0] = (float) (x + sigma * random.nextGaussian());
    out[1] = (float) (y + sigma * random.nextGaussian());
    out[2] = (float) (z + sigma * random.nextGaussian());
    index++;
    return state;
  }

  private void startPeriod() {
    amplitude = 0.6 + 0.9 * random.nextDouble();
    baseShaftHz = 22 + 6 * random.nextDouble();
    noise = 0.02 * (0.8 + 0.45 * random.nextDouble());
    shaftHz = baseShaftHz;
    wobble = 1;
  }

  /** A bounded random walk of shaft rate (within 1 Hz of the period's rate) and amplitude. */
  private void wander() {
    shaftHz += 0.01 * random.nextGaussian();
    shaftHz = Math.max(baseShaftHz - 1, Math.min(baseShaftHz + 1, shaftHz));
    wobble += 0.002 * random.nextGaussian();
    wobble = Math.max(0.85, Math.min(1.15, wobble));
  }

  private double rotation(double first, double second, double third, double phaseShift) {
    double p = shaftPhase + phaseShift;
    return first * StrictMath.sin(p) + second * StrictMath.sin(2 * p) + third * StrictMath.sin(3 * p);
  }

  /** A defect striking once per outer-race pass, ringing at 170 Hz and dying out in a few ms. */
  private double impulse(double a) {
    double interval = 1 / (5.1 * shaftHz);
    if (secondsSinceImpulse >= interval) {
      secondsSinceImpulse -= interval;
    }
    double t = secondsSinceImpulse;
    return 0.2 * a * StrictMath.exp(-t / 0.004) * StrictMath.sin(TWO_PI * 170 * t);
  }

  private static double advance(double phase, double cycles) {
    double p = phase + TWO_PI * cycles;
    return p >= TWO_PI ? p - TWO_PI : p;
  }
}
