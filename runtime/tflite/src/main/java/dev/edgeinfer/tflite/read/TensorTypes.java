package dev.edgeinfer.tflite.read;

/** The schema's {@code TensorType} codes and their element sizes. */
public final class TensorTypes {
  public static final int FLOAT32 = 0;
  public static final int FLOAT16 = 1;
  public static final int INT32 = 2;
  public static final int UINT8 = 3;
  public static final int INT64 = 4;
  public static final int STRING = 5;
  public static final int BOOL = 6;
  public static final int INT16 = 7;
  public static final int INT8 = 9;
  public static final int FLOAT64 = 10;

  private static final String[] NAMES = {"FLOAT32", "FLOAT16", "INT32", "UINT8", "INT64", "STRING", "BOOL", "INT16",
      "COMPLEX64", "INT8", "FLOAT64", "COMPLEX128", "UINT64", "RESOURCE", "VARIANT", "UINT32", "UINT16", "INT4"};

  private TensorTypes() {}

  public static String name(int type) {
    return type >= 0 && type < NAMES.length ? NAMES[type] : "TYPE_" + type;
  }

  /** Bytes per element, or 0 for types without a fixed size (strings, resources, 4-bit). */
  public static int elementBytes(int type) {
    return switch (type) {
      case FLOAT32, INT32, 15 -> 4;
      case FLOAT16, INT16, 16 -> 2;
      case UINT8, BOOL, INT8 -> 1;
      case INT64, FLOAT64, 8, 12 -> 8;
      case 11 -> 16;
      default -> 0;
    };
  }
}
