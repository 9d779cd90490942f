package dev.edgeinfer.engine;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One loaded model, ready to run. The native TensorFlow Lite engine and the pure-Java engine both
 * implement it and must give the same answer.
 *
 * <p>Buffers returned by {@link #input(int)} and {@link #output(int)} are little-endian views of the
 * engine's own tensor memory, valid until {@link #close()}: the caller writes inputs in place,
 * calls {@link #invoke()}, and reads outputs in place, so that an inference allocates nothing.
 *
 * <p>Not thread-safe: one thread at a time; use one engine per thread.
 */
public interface InferenceEngine extends AutoCloseable {

  /** {@code tflite} (native TensorFlow Lite) or {@code java} (the pure-Java engine). */
  String kind();

  List<TensorInfo> inputs();

  List<TensorInfo> outputs();

  /** Input tensor {@code index}'s memory, position 0, limit = its byte size. */
  ByteBuffer input(int index);

  /** Output tensor {@code index}'s memory, position 0, limit = its byte size. */
  ByteBuffer output(int index);

  /** Runs the model once on the current inputs. */
  void invoke();

  /** Returns stateful models (LSTM, SVDF) to their initial state. */
  void resetState();

  @Override
  void close();
}
