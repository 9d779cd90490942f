package dev.edgeinfer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Finds the demo configuration: {@code device-config/demo.yaml} in the working directory (a
 * checkout), else the copy bundled in the jar, unpacked with its model files into a temporary
 * folder, so that {@code java -jar edgeinfer.jar demo} works anywhere.
 */
final class DemoFiles {
  static final List<String> BUNDLED = List.of("demo.yaml", "models/vibration_int8.tflite",
      "models/vibration_fp32.tflite", "models/vibration.labels");

  private DemoFiles() {}

  static Path locate() throws IOException {
    Path local = Path.of("device-config", "demo.yaml");
    if (Files.isRegularFile(local)) {
      return local;
    }
    Path dir = Files.createTempDirectory("edgeinfer-demo");
    // deleteOnExit deletes in reverse order of registration: folders first, so they go last.
    dir.toFile().deleteOnExit();
    dir.resolve("models").toFile().deleteOnExit();
    for (String name : BUNDLED) {
      Path target = dir.resolve(name);
      Files.createDirectories(target.getParent());
      try (InputStream in = DemoFiles.class.getResourceAsStream("/demo/" + name)) {
        if (in == null) {
          throw new IOException("the jar lacks its demo file " + name + "; rebuild with mvn package");
        }
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
      target.toFile().deleteOnExit();
    }
    return dir.resolve("demo.yaml");
  }
}
