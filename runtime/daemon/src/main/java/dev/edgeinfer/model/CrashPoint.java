package dev.edgeinfer.model;

import java.io.IOException;

/**
 * Called by the store between the steps of every change it makes to disk. The daemon's is a no-op;
 * crash-safety tests throw from the K-th call to leave the store exactly as a power cut at that
 * instant would (every step before it done, nothing after).
 */
@FunctionalInterface
interface CrashPoint {
  CrashPoint NONE = step -> {};

  void reached(String step) throws IOException;
}
