package dev.edgeinfer.tflite.interp;

import dev.edgeinfer.tflite.read.BuiltinOptions;
import dev.edgeinfer.tflite.read.ModelFormatException;

/** One operator of the graph, with its tensors resolved, as a kernel sees it when it prepares. */
public final class Node {
  private final int index;
  private final String opName;
  private final int version;
  private final Tensor[] inputs;
  private final Tensor[] outputs;
  private final Tensor[] intermediates;
  private final BuiltinOptions options;

  Node(int index, String opName, int version, Tensor[] inputs, Tensor[] outputs, Tensor[] intermediates,
      BuiltinOptions options) {
    this.index = index;
    this.opName = opName;
    this.version = version;
    this.inputs = inputs;
    this.outputs = outputs;
    this.intermediates = intermediates;
    this.options = options;
  }

  public int index() {
    return index;
  }

  public String opName() {
    return opName;
  }

  public int version() {
    return version;
  }

  public int inputCount() {
    return inputs.length;
  }

  /** Input {@code i}, or null when the model omits that optional input (index -1) or has fewer inputs. */
  public Tensor input(int i) {
    return i < inputs.length ? inputs[i] : null;
  }

  public int outputCount() {
    return outputs.length;
  }

  public Tensor output(int i) {
    return outputs[i];
  }

  public int intermediateCount() {
    return intermediates.length;
  }

  public Tensor intermediate(int i) {
    return intermediates[i];
  }

  public BuiltinOptions options() {
    return options;
  }

  /** An error for this node: {@code operator 12 (CONV_2D): reason}. */
  public UnsupportedModelException unsupported(String reason) {
    return new UnsupportedModelException("operator " + index + " (" + opName + "): " + reason);
  }

  /** Reads an int option, turning a malformed options table into an error naming this node. */
  public int intOption(int field, int defaultValue) throws UnsupportedModelException {
    try {
      return options.getInt(field, defaultValue);
    } catch (ModelFormatException e) {
      throw unsupported(e.getMessage());
    }
  }

  public byte byteOption(int field, byte defaultValue) throws UnsupportedModelException {
    try {
      return options.getByte(field, defaultValue);
    } catch (ModelFormatException e) {
      throw unsupported(e.getMessage());
    }
  }

  public boolean boolOption(int field, boolean defaultValue) throws UnsupportedModelException {
    try {
      return options.getBool(field, defaultValue);
    } catch (ModelFormatException e) {
      throw unsupported(e.getMessage());
    }
  }

  public float floatOption(int field, float defaultValue) throws UnsupportedModelException {
    try {
      return options.getFloat(field, defaultValue);
    } catch (ModelFormatException e) {
      throw unsupported(e.getMessage());
    }
  }

  public int[] intsOption(int field) throws UnsupportedModelException {
    try {
      return options.getInts(field, 64);
    } catch (ModelFormatException e) {
      throw unsupported(e.getMessage());
    }
  }

  /** Fails unless input {@code i} is present and has one of the given types. */
  public Tensor requireInput(int i, int... types) throws UnsupportedModelException {
    Tensor t = input(i);
    if (t == null) {
      throw unsupported("input " + i + " is missing");
    }
    requireType(t, "input " + i, types);
    return t;
  }

  public Tensor requireOutput(int i, int... types) throws UnsupportedModelException {
    if (i >= outputs.length) {
      throw unsupported("output " + i + " is missing");
    }
    requireType(outputs[i], "output " + i, types);
    return outputs[i];
  }

  private void requireType(Tensor t, String what, int... types) throws UnsupportedModelException {
    if (types.length == 0) {
      return;
    }
    for (int type : types) {
      if (t.type() == type) {
        return;
      }
    }
    throw unsupported(what + " has type " + t.typeName() + ", which this kernel does not support");
  }
}
