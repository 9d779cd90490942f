package dev.edgeinfer.systemd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NotifyMessageTest {
  @Test
  void text_isOneAssignmentPerLine_inOrder() {
    NotifyMessage m = NotifyMessage.of("READY", "1").with("STATUS", "1 pipeline(s), broker connected");
    assertEquals("READY=1\nSTATUS=1 pipeline(s), broker connected\n", m.text());
    assertArrayEquals("READY=1\nSTATUS=1 pipeline(s), broker connected\n".getBytes(StandardCharsets.UTF_8), m.bytes());
  }

  @Test
  void with_lineBreaksInAValue_becomeSpaces_soNoAssignmentCanBeInjected() {
    assertEquals("STATUS=stuck READY=1\n", NotifyMessage.of("STATUS", "stuck\r\nREADY=1").text());
  }

  @Test
  void with_keyNotUpperCase_isAProgrammingError() {
    assertThrows(IllegalArgumentException.class, () -> NotifyMessage.of("ready", "1"));
    assertThrows(IllegalArgumentException.class, () -> NotifyMessage.of("A=B", "1"));
  }
}
