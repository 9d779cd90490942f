package dev.edgeinfer.model;

import dev.edgeinfer.engine.InferenceEngine;
import dev.edgeinfer.engine.TensorInfo;
import dev.edgeinfer.engine.TensorType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Inputs for a bundle's self-test: given as files, or drawn from a seeded generator, for the INT8
 * model's input tensors; the FP32 model's inputs are the same values dequantized (or, for a file of
 * float32 values, those values themselves), so that both precisions see one input and their
 * outputs can be compared. Stateless.
 */
final class SelfTestVectors {
  private SelfTestVectors() {}

  /**
   * One file per vector for a one-input model: the raw bytes of the INT8 model's input tensor, or,
   * when that tensor is quantized, float32 values that are quantized here.
   */
  static List<byte[]> fromFile(Path file, InferenceEngine int8) throws IOException {
    if (int8.inputs().size() != 1) {
      throw new IllegalArgumentException("the int8 model has " + int8.inputs().size()
          + " inputs; self-test input files are for one-input models (use random vectors)");
    }
    TensorInfo in = int8.inputs().get(0);
    byte[] bytes = Files.readAllBytes(file);
    if (bytes.length == in.byteSize()) {
      return List.of(bytes);
    }
    if (in.isQuantized() && bytes.length == in.elementCount() * 4) {
      return List.of(quantize(in, bytes));
    }
    throw new IllegalArgumentException(file + ": " + bytes.length + " bytes; the int8 model's input " + in + " takes "
        + in.byteSize() + (in.isQuantized() ? " (or " + in.elementCount() * 4 + " as float32)" : ""));
  }

  /** The file's float32 values when it gave them for a quantized input (see {@link #fromFile}), else null. */
  static byte[] floatsGiven(Path file, InferenceEngine int8) throws IOException {
    TensorInfo in = int8.inputs().get(0);
    byte[] bytes = Files.readAllBytes(file);
    return bytes.length != in.byteSize() && in.isQuantized() && bytes.length == in.elementCount() * 4 ? bytes : null;
  }

  /** Uniform over each integer type's range; standard normal for floats. */
  static List<byte[]> random(InferenceEngine int8, Random random) {
    List<byte[]> out = new ArrayList<>();
    for (TensorInfo t : int8.inputs()) {
      ByteBuffer b = ByteBuffer.allocate(t.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < t.elementCount(); i++) {
        switch (t.type()) {
          case FLOAT32 -> b.putFloat((float) random.nextGaussian());
          case INT8, UINT8 -> b.put((byte) random.nextInt(256));
          case BOOL -> b.put((byte) random.nextInt(2));
          case INT16 -> b.putShort((short) random.nextInt(65536));
          case INT32 -> b.putInt(random.nextInt(256) - 128);
          case INT64 -> b.putLong(random.nextInt(256) - 128);
        }
      }
      out.add(b.array());
    }
    return out;
  }

  /** The FP32 model's inputs for the INT8 model's {@code inputs}: dequantized where the INT8 input is quantized. */
  static List<byte[]> forFp32(List<byte[]> inputs, InferenceEngine int8, InferenceEngine fp32) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      TensorInfo q = int8.inputs().get(i);
      TensorInfo f = fp32.inputs().get(i);
      if (f.type() == TensorType.FLOAT32 && q.isQuantized()) {
        ByteBuffer b = ByteBuffer.allocate(f.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < q.elementCount(); k++) {
          b.putFloat((float) TensorValues.real(q, inputs.get(i), k));
        }
        out.add(b.array());
      } else if (f.byteSize() == inputs.get(i).length) {
        out.add(inputs.get(i));
      } else {
        throw new IllegalArgumentException("cannot give the fp32 model's input " + f + " the int8 model's input " + q);
      }
    }
    return out;
  }

  private static byte[] quantize(TensorInfo in, byte[] floats) {
    ByteBuffer src = ByteBuffer.wrap(floats).order(ByteOrder.LITTLE_ENDIAN);
    byte[] out = new byte[in.byteSize()];
    int lo = in.type() == TensorType.UINT8 ? 0 : in.type() == TensorType.INT8 ? -128 : Short.MIN_VALUE;
    int hi = in.type() == TensorType.UINT8 ? 255 : in.type() == TensorType.INT8 ? 127 : Short.MAX_VALUE;
    ByteBuffer dst = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    for (int k = 0; k < in.elementCount(); k++) {
      long q = Math.round(src.getFloat(k * 4) / in.scale()) + in.zeroPoint();
      int v = (int) Math.max(lo, Math.min(hi, q));
      if (in.type() == TensorType.INT16) {
        dst.putShort(k * 2, (short) v);
      } else {
        out[k] = (byte) v;
      }
    }
    return out;
  }
}
