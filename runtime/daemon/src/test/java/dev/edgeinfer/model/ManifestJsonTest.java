package dev.edgeinfer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** manifest.json is read strictly: each fault names its key path. */
class ManifestJsonTest {
  private static String good;
  @TempDir static Path dir;

  @BeforeAll
  static void write() throws Exception {
    Path zip = dir.resolve("b.zip");
    BundleWriter.write(TestBundles.demoSpec("2"), zip);
    good = new String(TestBundles.entries(zip).get("manifest.json"), StandardCharsets.UTF_8);
  }

  @Test
  void writeThenParse_roundTrips() throws Exception {
    BundleManifest m = ManifestJson.parse(good.getBytes(StandardCharsets.UTF_8));
    assertEquals("vibration", m.name());
    assertEquals(TestBundles.DEMO_INPUT, m.input().orElseThrow());
    assertEquals(TestBundles.CREATED, m.created());
    assertArrayEquals(good.getBytes(StandardCharsets.UTF_8), ManifestJson.write(m));
  }

  private static String fault(String from, String to) {
    String text = good.replace(from, to);
    if (text.equals(good)) {
      throw new AssertionError("no " + from + " in the manifest");
    }
    return assertThrows(BundleRejected.class, () -> ManifestJson.parse(text.getBytes(StandardCharsets.UTF_8)))
        .getMessage();
  }

  @Test
  void faults_nameTheirKeyPath() {
    assertEquals("manifest.json: formatVersion: this runtime reads format 1, got 2",
        fault("\"formatVersion\" : 1", "\"formatVersion\" : 2"));
    assertEquals("manifest.json: files[\"int8.tflite\"].size: expected an integer in [0, 9223372036854775807], got -1",
        fault("\"size\" : 4416", "\"size\" : -1"));
    assertEquals("manifest.json: files[\"labels.txt\"].role: expected int8, fp32, labels or selftest, got \"words\"",
        fault("\"role\" : \"labels\"", "\"role\" : \"words\""));
    assertEquals("manifest.json: input.window.size: required key is missing",
        fault("\"size\" : 128,", ""));
    assertEquals("manifest.json: files[\"../int8.tflite\"]: entry name climbs out of the bundle with ..",
        fault("\"int8.tflite\" : {", "\"../int8.tflite\" : {"));
    assertEquals("manifest.json: created: expected an ISO-8601 instant like 2026-11-27T14:00:00Z",
        fault("2026-11-27T12:00:00Z", "yesterday"));
  }

  @Test
  void duplicateKey_isRefused() {
    String message = fault("\"name\" : \"vibration\",", "\"name\" : \"vibration\", \"name\" : \"other\",");
    assertEquals(true, message.startsWith("manifest.json: not valid JSON: Duplicate field 'name'"), message);
  }
}
