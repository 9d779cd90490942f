package dev.edgeinfer.tflite.kernels;

import dev.edgeinfer.tflite.interp.OpResolver;

/** Registers the kernels of this family: FULLY_CONNECTED, CONV_2D, DEPTHWISE_CONV_2D, AVERAGE_POOL_2D, MAX_POOL_2D. */
final class ConvolutionKernels {
  private ConvolutionKernels() {}

  static void register(OpResolver resolver) {
    resolver.register("FULLY_CONNECTED", new FullyConnected());
    resolver.register("CONV_2D", new Conv2d());
    resolver.register("DEPTHWISE_CONV_2D", new DepthwiseConv2d());
    resolver.register("AVERAGE_POOL_2D", new AveragePool2d());
    resolver.register("MAX_POOL_2D", new MaxPool2d());
  }
}
