package dev.edgeinfer.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicsTest {
  private final Topics t = new Topics("edgeinfer", "pi-lab-01", List.of("line-a", "all"));

  @Test
  void contractTopics() {
    assertEquals("edgeinfer/pi-lab-01/availability", t.availability());
    assertEquals("edgeinfer/pi-lab-01/status", t.status());
    assertEquals("edgeinfer/pi-lab-01/inference/vibration", t.inference("vibration"));
    assertEquals("edgeinfer/pi-lab-01/event/precision", t.precisionEvent());
    assertEquals("edgeinfer/pi-lab-01/event/model", t.modelEvent());
    assertEquals("edgeinfer/pi-lab-01/cmd/config/get", t.command("config/get"));
    assertEquals("edgeinfer/pi-lab-01/cmd/model/update/reply", t.commandReply("model/update"));
    assertEquals("edgeinfer/group/line-a/cmd/ping", t.groupCommand("line-a", "ping"));
    assertEquals(List.of("edgeinfer/pi-lab-01/cmd/#", "edgeinfer/group/line-a/cmd/#", "edgeinfer/group/all/cmd/#"), t.commandFilters());
  }

  @Test
  void commandName_parsesDeviceAndGroupTopics_ignoresReplies() {
    assertEquals(Optional.of("ping"), t.commandName("edgeinfer/pi-lab-01/cmd/ping"));
    assertEquals(Optional.of("config/get"), t.commandName("edgeinfer/pi-lab-01/cmd/config/get"));
    assertEquals(Optional.of("model/update"), t.commandName("edgeinfer/group/all/cmd/model/update"));
    assertEquals(Optional.empty(), t.commandName("edgeinfer/pi-lab-01/cmd/ping/reply"));
    assertEquals(Optional.empty(), t.commandName("edgeinfer/pi-lab-01/cmd/reply"));
    assertEquals(Optional.empty(), t.commandName("edgeinfer/pi-lab-01/cmd/"));
    assertEquals(Optional.empty(), t.commandName("edgeinfer/group/other/cmd/ping"));
    assertEquals(Optional.empty(), t.commandName("edgeinfer/pi-lab-02/cmd/ping"));
    assertEquals(Optional.empty(), t.commandName("edgeinfer/pi-lab-01/status"));
  }

  @Test
  void wildcardsOrSlashes_refused() {
    assertThrows(IllegalArgumentException.class, () -> new Topics("edgeinfer", "a/b", List.of()));
    assertThrows(IllegalArgumentException.class, () -> new Topics("edge+", "d", List.of()));
    assertThrows(IllegalArgumentException.class, () -> new Topics("edgeinfer", "d", List.of("#")));
    assertEquals("site/1/d/status", new Topics("site/1", "d", List.of()).status());
  }

  @Test
  void topicFilter_matchesPerSpec() {
    assertTrue(TopicFilter.matches("a/+/c", "a/b/c"));
    assertFalse(TopicFilter.matches("a/+/c", "a/b/d"));
    assertTrue(TopicFilter.matches("a/#", "a"));
    assertTrue(TopicFilter.matches("a/#", "a/b/c"));
    assertFalse(TopicFilter.matches("a/#", "ab"));
    assertFalse(TopicFilter.matches("a/+", "a/b/c"));
    assertTrue(TopicFilter.matches("a/+", "a/"));
    assertFalse(TopicFilter.matches("#", "$SYS/x"));
    assertTrue(TopicFilter.matches("edgeinfer/d/cmd/#", "edgeinfer/d/cmd/config/get"));
  }
}
