package dev.edgeinfer.engine;

import org.bytedeco.tensorflowlite.global.tensorflowlite;

/** Maps TensorFlow Lite's type codes (native {@code TfLiteType}, schema {@code TensorType}) onto {@link TensorType}. */
final class TensorTypes {
  private TensorTypes() {}

  static TensorType fromTflite(int type) {
    if (type == tensorflowlite.kTfLiteFloat32) return TensorType.FLOAT32;
    if (type == tensorflowlite.kTfLiteInt8) return TensorType.INT8;
    if (type == tensorflowlite.kTfLiteUInt8) return TensorType.UINT8;
    if (type == tensorflowlite.kTfLiteInt16) return TensorType.INT16;
    if (type == tensorflowlite.kTfLiteInt32) return TensorType.INT32;
    if (type == tensorflowlite.kTfLiteInt64) return TensorType.INT64;
    if (type == tensorflowlite.kTfLiteBool) return TensorType.BOOL;
    throw new IllegalArgumentException("unsupported TensorFlow Lite tensor type " + type);
  }

  static TensorType fromSchema(int type) {
    return switch (type) {
      case dev.edgeinfer.tflite.read.TensorTypes.FLOAT32 -> TensorType.FLOAT32;
      case dev.edgeinfer.tflite.read.TensorTypes.INT8 -> TensorType.INT8;
      case dev.edgeinfer.tflite.read.TensorTypes.UINT8 -> TensorType.UINT8;
      case dev.edgeinfer.tflite.read.TensorTypes.INT16 -> TensorType.INT16;
      case dev.edgeinfer.tflite.read.TensorTypes.INT32 -> TensorType.INT32;
      case dev.edgeinfer.tflite.read.TensorTypes.INT64 -> TensorType.INT64;
      case dev.edgeinfer.tflite.read.TensorTypes.BOOL -> TensorType.BOOL;
      default -> throw new IllegalArgumentException("unsupported tensor type "
          + dev.edgeinfer.tflite.read.TensorTypes.name(type));
    };
  }
}
