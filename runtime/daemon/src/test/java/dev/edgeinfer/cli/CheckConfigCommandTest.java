package dev.edgeinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckConfigCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new CommandLine(new CheckConfigCommand())
        .setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err))
        .execute(args);
  }

  @Test
  void validConfig_printsOkAndExitsZero() throws Exception {
    Path file = Files.writeString(dir.resolve("ok.yaml"), "device: {id: d1}\nmqtt: {broker: embedded}\n");
    assertEquals(0, run(file.toString()));
    assertEquals(file + ": ok" + System.lineSeparator(), out.toString());
    assertEquals("", err.toString());
  }

  @Test
  void brokenConfig_printsEveryProblemToStderrAndExitsTwo() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.yaml"), "device: {id: d1, color: red}\nmqtt: {broker: embedded, qos: 5}\n");
    assertEquals(2, run(file.toString()));
    String nl = System.lineSeparator();
    assertEquals("device.color: unknown key (known: id, groups, stateDir)" + nl
        + "mqtt.qos: must be 0, 1 or 2, got 5" + nl, err.toString());
    assertEquals("", out.toString());
  }

  @Test
  void setOptions_areAppliedBeforeChecking() throws Exception {
    Path file = Files.writeString(dir.resolve("fix.yaml"), "device: {id: d1}\nmqtt: {broker: embedded, qos: 5}\n");
    assertEquals(0, run(file.toString(), "--set", "mqtt.qos=0", "--set", "device.groups=[lab]"));
    assertEquals(file + ": ok" + System.lineSeparator(), out.toString());
  }

  @Test
  void malformedSet_isABadConfigNamingTheOverride() throws Exception {
    Path file = Files.writeString(dir.resolve("ok.yaml"), "device: {id: d1}\nmqtt: {broker: embedded}\n");
    assertEquals(2, run(file.toString(), "--set", "qos"));
    assertEquals("--set qos: expected KEY=VALUE, e.g. mqtt.broker=tcp://127.0.0.1:1883" + System.lineSeparator(),
        err.toString());
  }
}
