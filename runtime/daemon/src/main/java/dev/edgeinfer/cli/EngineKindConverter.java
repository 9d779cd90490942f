package dev.edgeinfer.cli;

import dev.edgeinfer.config.ModelConfig.EngineKind;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code auto|tflite|java}, as the config spells them. */
final class EngineKindConverter implements ITypeConverter<EngineKind> {
  @Override
  public EngineKind convert(String value) {
    try {
      return EngineKind.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("expected auto, tflite or java, got \"" + value + "\"");
    }
  }
}
