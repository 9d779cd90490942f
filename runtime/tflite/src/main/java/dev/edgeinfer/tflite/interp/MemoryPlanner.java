package dev.edgeinfer.tflite.interp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Places activation tensors of one storage class in one arena array, reusing space between
 * tensors whose lifetimes do not overlap. Greedy by size, largest first, each at the lowest
 * offset that fits beside the already placed tensors it lives alongside (the plan TensorFlow Lite
 * Micro's greedy planner makes). Lifetimes are operator indices, first write to last read.
 */
final class MemoryPlanner {
  /** A tensor to place: elements needed, alive from op {@code first} to op {@code last}, inclusive. */
  record Request(Tensor tensor, int elements, int first, int last) {}

  private record Placed(Request request, int offset) {}

  private final List<Request> requests = new ArrayList<>();
  private List<Placed> placed;
  private int arenaElements;

  void add(Tensor tensor, int first, int last) {
    requests.add(new Request(tensor, tensor.size(), first, last));
  }

  /** Plans and returns the arena length in elements. */
  int plan() {
    List<Request> order = new ArrayList<>(requests);
    order.sort(Comparator.comparingInt(Request::elements).reversed().thenComparingInt(r -> r.tensor().index()));
    placed = new ArrayList<>();
    arenaElements = 0;
    for (Request r : order) {
      List<Placed> overlapping = new ArrayList<>();
      for (Placed p : placed) {
        if (p.request().first() <= r.last() && r.first() <= p.request().last()) {
          overlapping.add(p);
        }
      }
      overlapping.sort(Comparator.comparingInt(Placed::offset));
      int offset = 0;
      for (Placed p : overlapping) {
        if (offset + r.elements() <= p.offset()) {
          break;
        }
        offset = Math.max(offset, p.offset() + p.request().elements());
      }
      placed.add(new Placed(r, offset));
      arenaElements = Math.max(arenaElements, offset + r.elements());
    }
    return arenaElements;
  }

  /** Assigns every planned tensor its place in {@code arena}. */
  void assign(Object arena) {
    for (Placed p : placed) {
      p.request().tensor().assign(arena, p.offset());
    }
  }
}
