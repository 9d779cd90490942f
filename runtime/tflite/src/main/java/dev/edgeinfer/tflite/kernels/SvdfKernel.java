package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.Kernel;
import dev.edgeinfer.tflite.interp.Node;
import dev.edgeinfer.tflite.interp.Op;
import dev.edgeinfer.tflite.interp.Tensor;
import dev.edgeinfer.tflite.interp.UnsupportedModelException;
import dev.edgeinfer.tflite.kernels.ref.FixedPoint;
import dev.edgeinfer.tflite.kernels.ref.LstmFloatMath;
import dev.edgeinfer.tflite.kernels.ref.IntMatVec;
import dev.edgeinfer.tflite.kernels.ref.SvdfMath;
import dev.edgeinfer.tflite.read.TensorTypes;

/**
 * SVDF (TensorFlow Lite 2.19, svdf.cc): FLOAT32, and the integer variant with INT8 input, INT8
 * feature weights, INT16 time weights, INT32 bias, an INT16 state and INT8 output. Inputs: 0 input
 * [batch, input], 1 feature weights [filters, input], 2 time weights [filters, memory], 3 bias
 * [units] (optional), 4 state [batch, memory x filters] (a variable, updated in place).
 *
 * <p>The integer kernel applies no activation beyond the INT8 range, and TensorFlow Lite insists
 * the model asks for RELU; it reads time weights and state as INT16 whatever their declared type,
 * so INT8 ones are refused here instead of read out of bounds.
 */
final class SvdfKernel implements Kernel {
  static final int RANK = 0, ACTIVATION = 1;

  @Override
  public Op prepare(Node node) throws UnsupportedModelException {
    if (node.inputCount() != 5 || node.outputCount() != 1) {
      throw node.unsupported("expects 5 inputs and 1 output");
    }
    Tensor input = node.requireInput(0, TensorTypes.FLOAT32, TensorTypes.INT8);
    Tensor wf = node.requireInput(1);
    Tensor wt = node.requireInput(2);
    Tensor bias = node.input(3);
    Tensor state = node.requireInput(4);
    Tensor output = node.requireOutput(0, input.type());
    int rank = node.intOption(RANK, 0);
    if (input.rank() != 2 || wf.rank() != 2 || wt.rank() != 2) {
      throw node.unsupported("input, feature and time weights must have rank 2");
    }
    int nFilter = wf.dim(0);
    if (rank <= 0 || nFilter % rank != 0) {
      throw node.unsupported("rank " + rank + " must be positive and divide the " + nFilter + " filters");
    }
    SvdfMath.Dims d = new SvdfMath.Dims(input.dim(0), input.dim(1), nFilter, wt.dim(1), rank);
    if (wf.dim(1) != d.nInput() || wt.dim(0) != nFilter) {
      throw node.unsupported("feature weights " + wf + " and time weights " + wt + " do not fit input " + input);
    }
    if (bias != null && (bias.rank() != 1 || bias.dim(0) != d.nUnit())) {
      throw node.unsupported("bias must have shape [" + d.nUnit() + "]");
    }
    if (!state.isVariable() || state.rank() != 2 || state.dim(0) != d.batches()
        || state.dim(1) != d.nMemory() * nFilter) {
      throw node.unsupported("input 4 must be a variable state of shape [" + d.batches() + ", "
          + d.nMemory() * nFilter + "]");
    }
    if (output.size() != d.batches() * d.nUnit()) {
      throw node.unsupported("output must have " + d.batches() * d.nUnit() + " elements");
    }
    int activation = node.byteOption(ACTIVATION, (byte) 0);
    return input.type() == TensorTypes.FLOAT32
        ? floatOp(node, d, input, wf, wt, bias, state, output, activation)
        : integerOp(node, d, input, wf, wt, bias, state, output, activation);
  }

  private static Op floatOp(Node node, SvdfMath.Dims d, Tensor input, Tensor wf, Tensor wt, Tensor bias,
      Tensor state, Tensor output, int activation) throws UnsupportedModelException {
    for (Tensor t : new Tensor[] {wf, wt, bias, state}) {
      if (t != null && t.type() != TensorTypes.FLOAT32) {
        throw node.unsupported(t + ": a FLOAT32 SVDF needs FLOAT32 weights, bias and state (hybrid is not supported)");
      }
    }
    if (activation < LstmFloatMath.NONE || activation > LstmFloatMath.TANH) {
      throw node.unsupported("fused activation " + activation + " is not supported");
    }
    float[] scratch = new float[d.batches() * d.nFilter()];
    return () -> SvdfMath.evalFloat(d, input.float32(), input.offset(), wf.float32(), wf.offset(), wt.float32(),
        wt.offset(), bias == null ? null : bias.float32(), bias == null ? 0 : bias.offset(), state.float32(),
        state.offset(), activation, scratch, output.float32(), output.offset());
  }

  private static Op integerOp(Node node, SvdfMath.Dims d, Tensor input, Tensor wf, Tensor wt, Tensor bias,
      Tensor state, Tensor output, int activation) throws UnsupportedModelException {
    if (wf.type() != TensorTypes.INT8) {
      throw node.unsupported("an INT8 SVDF needs INT8 feature weights, has " + wf.typeName());
    }
    if (wt.type() != TensorTypes.INT16 || state.type() != TensorTypes.INT16) {
      throw node.unsupported("the integer SVDF needs INT16 time weights and INT16 state (has " + wt.typeName()
          + " and " + state.typeName() + "); TensorFlow Lite's kernel reads them as INT16 regardless");
    }
    if (bias != null && bias.type() != TensorTypes.INT32) {
      throw node.unsupported("an INT8 SVDF needs an INT32 bias, has " + bias.typeName());
    }
    if (activation != LstmFloatMath.RELU) {
      throw node.unsupported("the integer SVDF supports only the RELU fused activation, has " + activation);
    }
    for (Tensor t : new Tensor[] {input, wf, wt, state, output}) {
      if (!t.isQuantized()) {
        throw node.unsupported(t + " must be quantized");
      }
    }
    FixedPoint.Multiplier s1 = FixedPoint.quantizeMultiplier(input.scale() * wf.scale() / state.scale());
    FixedPoint.Multiplier s2 = FixedPoint.quantizeMultiplier(state.scale() * wt.scale() / output.scale());
    int inputZp = input.zeroPoint();
    int outputZp = output.zeroPoint();
    int[] scratch = new int[d.batches() * d.nFilter()];
    int[] outTemp = new int[d.batches() * d.nUnit()];
    if (wf.isConstant() && IntMatVec.fits(d.nFilter(), d.nInput())) {
      IntMatVec feature = new IntMatVec(wf.int8(), wf.offset(), d.nFilter(), d.nInput(), 0, -inputZp, null, 0);
      int[] acc = new int[d.nFilter()];
      return () -> SvdfMath.evalIntegerFast(d, input.int8(), input.offset(), feature, acc, wt.int16(),
          wt.offset(), bias == null ? null : bias.int32(), bias == null ? 0 : bias.offset(), state.int16(),
          state.offset(), s1.multiplier(), s1.shift(), s2.multiplier(), s2.shift(), outputZp, scratch, outTemp,
          output.int8(), output.offset());
    }
    return () -> SvdfMath.evalInteger(d, input.int8(), input.offset(), inputZp, wf.int8(), wf.offset(), wt.int16(),
        wt.offset(), bias == null ? null : bias.int32(), bias == null ? 0 : bias.offset(), state.int16(),
        state.offset(), s1.multiplier(), s1.shift(), s2.multiplier(), s2.shift(), outputZp, scratch, outTemp,
        output.int8(), output.offset());
  }
}
