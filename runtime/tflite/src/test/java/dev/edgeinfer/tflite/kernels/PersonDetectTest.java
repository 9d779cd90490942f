package dev.edgeinfer.tflite.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgeinfer.tflite.interp.Interpreter;
import dev.edgeinfer.tflite.interp.Tensor;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * person_detect.tflite, which TensorFlow Lite 2.19 refuses (per-channel metadata on 1-D tensors)
 * and so has no goldens, checked the way the conformance README asks: photos of people score
 * higher on "person" than photos without one. The photos come from Debian's python3-skimage
 * package (.ci/fetch-test-images).
 */
class PersonDetectTest {
  private static final int SIDE = 96;
  private static final int PERSON = 1;

  private static Path images() {
    Path dir = Path.of(System.getProperty("edgeinfer.repo", "../..")).resolve(".test-images");
    assertTrue(Files.isRegularFile(dir.resolve("astronaut.png")),
        "test photos missing in " + dir + ": run .ci/fetch-test-images (CI does)");
    return dir;
  }

  /** The centre square, box-filtered to 96x96 luminance, shifted to int8 as the model expects. */
  static byte[] grayscale96(Path photo) throws Exception {
    BufferedImage img = ImageIO.read(photo.toFile());
    int side = Math.min(img.getWidth(), img.getHeight());
    int x0 = (img.getWidth() - side) / 2;
    int y0 = (img.getHeight() - side) / 2;
    byte[] pixels = new byte[SIDE * SIDE];
    for (int y = 0; y < SIDE; y++) {
      for (int x = 0; x < SIDE; x++) {
        double sum = 0;
        int n = 0;
        for (int yy = y * side / SIDE; yy < (y + 1) * side / SIDE; yy++) {
          for (int xx = x * side / SIDE; xx < (x + 1) * side / SIDE; xx++) {
            int rgb = img.getRGB(x0 + xx, y0 + yy);
            sum += 0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255);
            n++;
          }
        }
        pixels[y * SIDE + x] = (byte) (Math.round(sum / n) - 128);
      }
    }
    return pixels;
  }

  private static int personScore(Interpreter interpreter, Path photo) throws Exception {
    Interpreter.write(interpreter.inputs().get(0), ByteBuffer.wrap(grayscale96(photo)));
    interpreter.invoke();
    Tensor out = interpreter.outputs().get(0);
    return out.int8()[out.offset() + PERSON];
  }

  @Test
  void personDetect_loadsAndRuns_andPeopleScoreHigherThanScenesWithout() throws Exception {
    Interpreter interpreter = Interpreter.load(
        ByteBuffer.wrap(Files.readAllBytes(Goldens.model("person_detect"))), BuiltinKernels.resolver());
    assertEquals(2, interpreter.outputs().get(0).size());
    Path dir = images();
    int astronaut = personScore(interpreter, dir.resolve("astronaut.png"));
    int cameraman = personScore(interpreter, dir.resolve("camera.png"));
    int coffee = personScore(interpreter, dir.resolve("coffee.png"));
    int cat = personScore(interpreter, dir.resolve("chelsea.png"));
    String scores = "astronaut " + astronaut + ", cameraman " + cameraman + ", coffee " + coffee + ", cat " + cat;
    assertTrue(Math.min(astronaut, cameraman) > Math.max(coffee, cat), scores);
    assertTrue(astronaut > 0 && cameraman > 0 && coffee < 0 && cat < 0, "decisive either way: " + scores);
  }
}
