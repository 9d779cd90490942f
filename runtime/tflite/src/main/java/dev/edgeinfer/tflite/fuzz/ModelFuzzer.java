package dev.edgeinfer.tflite.fuzz;

import dev.edgeinfer.tflite.interp.Interpreter;
import dev.edgeinfer.tflite.interp.OpResolver;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.read.ModelFormatException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded mutation fuzzing of the model path a hostile file takes: read, load (resolve, plan,
 * prepare) and, for what loads, one invoke. Every outcome must be a working model or a typed
 * error ({@link ModelFormatException}, {@link UnsupportedModelException}); anything else (an
 * unchecked exception, an error) is a finding.
 *
 * <p>Mutations: random byte overwrites, bit flips, truncation, and corruption of 32-bit words
 * that look like offsets or lengths (the fields a FlatBuffer follows). Deterministic for a seed.
 */
public final class ModelFuzzer {
  /** What came of the runs. {@code findings} holds the first few unexpected outcomes, with their trial and seed. */
  public record Report(long trials, long loaded, long formatErrors, long unsupported, long findingCount,
      List<String> findings, long slowestNanos) {
    @Override
    public String toString() {
      return String.format(java.util.Locale.ROOT,
          "%d mutations: %d loaded and ran, %d format errors, %d unsupported, %d findings; slowest case %.1f ms",
          trials, loaded, formatErrors, unsupported, findingCount, slowestNanos / 1e6);
    }
  }

  private final List<byte[]> seeds;
  private final OpResolver resolver;
  private final long maxInvokeBytes;

  /**
   * @param maxInvokeBytes models larger than this are read and loaded but not invoked (keeps a
   *     run of many thousands of mutations short)
   */
  public ModelFuzzer(List<byte[]> seeds, OpResolver resolver, long maxInvokeBytes) {
    this.seeds = List.copyOf(seeds);
    this.resolver = resolver;
    this.maxInvokeBytes = maxInvokeBytes;
  }

  public Report run(long trials, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long loaded = 0;
    long format = 0;
    long unsupported = 0;
    long findingCount = 0;
    long slowest = 0;
    List<String> findings = new ArrayList<>();
    for (long trial = 0; trial < trials; trial++) {
      int which = random.nextInt(seeds.size());
      byte[] mutated = mutate(seeds.get(which), random);
      long start = System.nanoTime();
      try {
        Interpreter interpreter = Interpreter.load(ByteBuffer.wrap(mutated), resolver);
        if (mutated.length <= maxInvokeBytes) {
          interpreter.invoke();
        }
        loaded++;
      } catch (ModelFormatException e) {
        format++;
      } catch (UnsupportedModelException e) {
        unsupported++;
      } catch (Throwable t) {
        findingCount++;
        if (findings.size() < 10) {
          findings.add("trial " + trial + " (seed model " + which + ", seed " + seed + "): " + t);
        }
      }
      slowest = Math.max(slowest, System.nanoTime() - start);
    }
    return new Report(trials, loaded, format, unsupported, findingCount, findings, slowest);
  }

  static byte[] mutate(byte[] original, SplittableRandom random) {
    byte[] m = original.clone();
    switch (random.nextInt(4)) {
      case 0 -> { // overwrite a few bytes
        for (int i = 1 + random.nextInt(8); i > 0; i--) {
          m[random.nextInt(m.length)] = (byte) random.nextInt(256);
        }
      }
      case 1 -> { // flip bits
        for (int i = 1 + random.nextInt(16); i > 0; i--) {
          int at = random.nextInt(m.length);
          m[at] ^= (byte) (1 << random.nextInt(8));
        }
      }
      case 2 -> { // truncate
        return java.util.Arrays.copyOf(m, random.nextInt(m.length));
      }
      default -> { // corrupt an aligned word in the structure: an offset, a length, an index
        int words = m.length / 4;
        int at = 4 * (random.nextBoolean() ? random.nextInt(Math.min(words, 512))
            : Math.max(0, words - 1 - random.nextInt(Math.min(words, 4096))));
        int value = switch (random.nextInt(5)) {
          case 0 -> -1;
          case 1 -> Integer.MAX_VALUE;
          case 2 -> random.nextInt(m.length + 1);
          case 3 -> readInt(m, at) + random.nextInt(-64, 65);
          default -> random.nextInt();
        };
        writeInt(m, at, value);
      }
    }
    return m;
  }

  private static int readInt(byte[] b, int at) {
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
  }

  private static void writeInt(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >> 8);
    b[at + 2] = (byte) (v >> 16);
    b[at + 3] = (byte) (v >> 24);
  }
}
