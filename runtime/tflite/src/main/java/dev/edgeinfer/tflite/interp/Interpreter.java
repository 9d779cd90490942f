package dev.edgeinfer.tflite.interp;

import dev.edgeinfer.tflite.read.ModelDescription;
import dev.edgeinfer.tflite.read.ModelFormatException;
import dev.edgeinfer.tflite.read.ModelReader;
import dev.edgeinfer.tflite.read.OperatorDescription;
import dev.edgeinfer.tflite.read.TensorDescription;
import dev.edgeinfer.tflite.read.TensorTypes;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure-Java TensorFlow Lite interpreter. Loading reads and checks the file, resolves every
 * operator against the {@link OpResolver} (an unsupported one fails here, by name), plans the
 * activation memory once, loads constants and prepares every kernel. {@link #invoke()} then runs
 * the operators in order and allocates nothing.
 *
 * <p>Not thread-safe: one interpreter per thread (they are cheap to load several times).
 */
public final class Interpreter {
  private final ModelDescription model;
  private final Tensor[] tensors;
  private final Op[] ops;
  private final List<Tensor> inputs;
  private final List<Tensor> outputs;
  private final List<Tensor> variables = new ArrayList<>();
  private final Map<Tensor, Object> initialState = new LinkedHashMap<>();
  private long arenaBytes;

  private Interpreter(ModelDescription model, OpResolver resolver) throws UnsupportedModelException {
    this.model = model;
    List<OperatorDescription> operators = model.operators();
    Kernel[] kernels = new Kernel[operators.size()];
    for (OperatorDescription op : operators) {
      kernels[op.index()] = resolver.find(op.opName()).orElseThrow(() -> new UnsupportedModelException(
          "operator " + op.index() + " (" + op.opName() + "): not supported by the pure-Java engine"));
    }
    this.tensors = new Tensor[model.tensors().size()];
    for (TensorDescription t : model.tensors()) {
      tensors[t.index()] = new Tensor(t.index(), t.name(), t.type(), t.shape(), t.scales(), t.zeroPoints(),
          t.quantizedDimension(), t.isConstant() && !t.variable(), t.variable());
    }
    loadConstantsAndVariables();
    planActivations();
    this.inputs = Arrays.stream(model.inputs()).mapToObj(i -> tensors[i]).toList();
    this.outputs = Arrays.stream(model.outputs()).mapToObj(i -> tensors[i]).toList();
    this.ops = new Op[operators.size()];
    for (OperatorDescription op : operators) {
      ops[op.index()] = kernels[op.index()].prepare(node(op));
    }
  }

  public static Interpreter load(ByteBuffer file, OpResolver resolver)
      throws ModelFormatException, UnsupportedModelException {
    return new Interpreter(new ModelReader().read(file), resolver);
  }

  public static Interpreter load(ModelDescription model, OpResolver resolver) throws UnsupportedModelException {
    return new Interpreter(model, resolver);
  }

  private Node node(OperatorDescription op) {
    return new Node(op.index(), op.opName(), op.version(), resolve(op.inputs()), resolve(op.outputs()),
        resolve(op.intermediates()), op.options());
  }

  private Tensor[] resolve(int[] indices) {
    Tensor[] resolved = new Tensor[indices.length];
    for (int i = 0; i < indices.length; i++) {
      resolved[i] = indices[i] < 0 ? null : tensors[indices[i]];
    }
    return resolved;
  }

  private void loadConstantsAndVariables() throws UnsupportedModelException {
    for (TensorDescription d : model.tensors()) {
      Tensor t = tensors[d.index()];
      if (!t.isConstant() && !t.isVariable()) {
        continue;
      }
      Class<?> storage = Tensor.storageOf(t.type());
      if (storage == null) {
        throw new UnsupportedModelException(t + ": type " + t.typeName() + " is not supported by the pure-Java engine");
      }
      Object array = Array.newInstance(storage.getComponentType(), t.size());
      if (t.isVariable() && t.type() == TensorTypes.INT8) {
        // TensorFlow Lite starts (and resets) an INT8 state at its zero point, which is the real 0;
        // other types start at 0. A state buffer in the file, if any, is read below.
        Arrays.fill((byte[]) array, (byte) t.zeroPoint());
      }
      t.assign(array, 0);
      ByteBuffer data = model.constantData(d);
      if (data.hasRemaining()) { // the reader checked it holds exactly the tensor's bytes
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        TensorBytes.copyIn(bytes, t);
      }
      if (t.isVariable()) {
        variables.add(t);
        Object initial = Array.newInstance(storage.getComponentType(), t.size());
        System.arraycopy(array, 0, initial, 0, t.size());
        initialState.put(t, initial);
      }
    }
  }

  /** Lifetimes by operator index: graph inputs from before the first operator, outputs to after the last. */
  private void planActivations() throws UnsupportedModelException {
    int last = model.operators().size();
    int[] first = new int[tensors.length];
    int[] lastUse = new int[tensors.length];
    Arrays.fill(first, Integer.MAX_VALUE);
    Arrays.fill(lastUse, -1);
    for (int i : model.inputs()) {
      first[i] = -1;
      lastUse[i] = Math.max(lastUse[i], -1);
    }
    for (OperatorDescription op : model.operators()) {
      for (int i : op.outputs()) {
        first[i] = Math.min(first[i], op.index());
        lastUse[i] = Math.max(lastUse[i], op.index());
      }
      for (int i : op.inputs()) {
        if (i >= 0) {
          first[i] = Math.min(first[i], op.index());
          lastUse[i] = Math.max(lastUse[i], op.index());
        }
      }
    }
    for (int i : model.outputs()) {
      lastUse[i] = last;
      first[i] = Math.min(first[i], last);
    }
    Map<Class<?>, MemoryPlanner> planners = new LinkedHashMap<>();
    for (Tensor t : tensors) {
      if (t.isConstant() || t.isVariable()) {
        continue;
      }
      if (first[t.index()] == Integer.MAX_VALUE) {
        continue; // not used by the graph (e.g. only an LSTM intermediate carrying scales)
      }
      Class<?> storage = Tensor.storageOf(t.type());
      if (storage == null) {
        throw new UnsupportedModelException(t + ": type " + t.typeName() + " is not supported by the pure-Java engine");
      }
      planners.computeIfAbsent(storage, s -> new MemoryPlanner()).add(t, first[t.index()], lastUse[t.index()]);
    }
    for (Map.Entry<Class<?>, MemoryPlanner> e : planners.entrySet()) {
      int elements = e.getValue().plan();
      Object arena = Array.newInstance(e.getKey().getComponentType(), elements);
      e.getValue().assign(arena);
      arenaBytes += (long) elements * elementBytes(e.getKey());
    }
  }

  private static int elementBytes(Class<?> storage) {
    if (storage == byte[].class) {
      return 1;
    }
    if (storage == short[].class) {
      return 2;
    }
    return storage == long[].class ? 8 : 4;
  }

  /** Runs every operator once, in order. */
  public void invoke() {
    for (Op op : ops) {
      op.eval();
    }
  }

  /** Returns variable tensors (LSTM, SVDF state) to the values the file gives them. */
  public void resetVariables() {
    for (Map.Entry<Tensor, Object> e : initialState.entrySet()) {
      Tensor t = e.getKey();
      System.arraycopy(e.getValue(), 0, t.data(), t.offset(), t.size());
    }
  }

  public List<Tensor> inputs() {
    return inputs;
  }

  public List<Tensor> outputs() {
    return outputs;
  }

  public Tensor tensor(int index) {
    return tensors[index];
  }

  /** Bytes of the activation arenas (constants and state not included). */
  public long arenaBytes() {
    return arenaBytes;
  }

  public ModelDescription model() {
    return model;
  }

  /** Copies little-endian bytes into an input tensor (a convenience for tools and tests; engines use {@link TensorBytes}). */
  public static void write(Tensor t, ByteBuffer from) {
    byte[] bytes = new byte[from.remaining()];
    from.duplicate().get(bytes);
    TensorBytes.copyIn(bytes, t);
  }

  /** Copies an output tensor out as little-endian bytes (a convenience for tools and tests). */
  public static void read(Tensor t, ByteBuffer into) {
    byte[] bytes = new byte[t.byteSize()];
    TensorBytes.copyOut(t, bytes);
    into.duplicate().put(bytes);
  }
}
