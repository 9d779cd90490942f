package dev.edgeinfer.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape a command's JSON object must have: its fields, each with a type, required or
 * optional, and optionally a set of allowed strings. {@code requestId} (a string or an integer) is
 * allowed in every command. A field the schema does not name is an error, so a typo ({@code
 * "pipline"}) is refused instead of silently ignored. The first problem becomes the error reply,
 * e.g. {@code field "forSeconds": expected an integer, got "10"}.
 *
 * <p>Immutable once built; the builder methods return new instances. Thread-safe.
 */
public final class CommandSchema {
  /** JSON types a field may have. */
  public enum Type {
    STRING("a string"),
    INTEGER("an integer"),
    NUMBER("a number"),
    BOOLEAN("true or false"),
    OBJECT("an object"),
    ARRAY("an array");

    private final String described;

    Type(String described) {
      this.described = described;
    }

    boolean accepts(JsonNode v) {
      return switch (this) {
        case STRING -> v.isTextual();
        case INTEGER -> v.isIntegralNumber() && v.canConvertToLong();
        case NUMBER -> v.isNumber();
        case BOOLEAN -> v.isBoolean();
        case OBJECT -> v.isObject();
        case ARRAY -> v.isArray();
      };
    }
  }

  private record Field(Type type, boolean required, List<String> allowed) {}

  private static final CommandSchema ANY = new CommandSchema(Map.of(), true);

  private final Map<String, Field> fields;
  private final boolean open;

  private CommandSchema(Map<String, Field> fields, boolean open) {
    this.fields = fields;
    this.open = open;
  }

  /** No fields besides {@code requestId}: {@code ping}, {@code status}, {@code config/get}. */
  public static CommandSchema empty() {
    return new CommandSchema(Map.of(), false);
  }

  /** Accepts every object (a handler that checks its request itself). */
  public static CommandSchema any() {
    return ANY;
  }

  public CommandSchema required(String name, Type type) {
    return with(name, new Field(type, true, List.of()));
  }

  public CommandSchema optional(String name, Type type) {
    return with(name, new Field(type, false, List.of()));
  }

  /** A string field whose value must be one of {@code allowed}. */
  public CommandSchema oneOf(String name, boolean required, String... allowed) {
    return with(name, new Field(Type.STRING, required, List.of(allowed)));
  }

  private CommandSchema with(String name, Field f) {
    if (open) {
      throw new IllegalStateException("any() accepts everything; start from empty()");
    }
    Map<String, Field> copy = new LinkedHashMap<>(fields);
    if (copy.put(name, f) != null || name.equals("requestId")) {
      throw new IllegalArgumentException("field " + name + " declared twice");
    }
    return new CommandSchema(java.util.Collections.unmodifiableMap(copy), false);
  }

  /** Throws with the first problem found, fields in the request's order, then missing ones in the schema's. */
  public void validate(ObjectNode request) throws CommandException {
    JsonNode requestId = request.get("requestId");
    if (requestId != null && !(requestId.isTextual() || (requestId.isIntegralNumber() && requestId.canConvertToLong()))) {
      throw new CommandException("field \"requestId\": expected a string or an integer, got " + describe(requestId));
    }
    if (open) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = request.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      if (name.equals("requestId")) {
        continue;
      }
      Field f = fields.get(name);
      if (f == null) {
        List<String> known = new ArrayList<>(fields.keySet());
        known.add("requestId");
        throw new CommandException("unknown field \"" + name + "\" (allowed: " + String.join(", ", known) + ")");
      }
      JsonNode v = e.getValue();
      if (!f.type().accepts(v)) {
        throw new CommandException("field \"" + name + "\": expected " + f.type().described + ", got " + describe(v));
      }
      if (!f.allowed().isEmpty() && !f.allowed().contains(v.textValue())) {
        throw new CommandException("field \"" + name + "\": must be one of " + String.join(", ", f.allowed())
            + ", got " + v);
      }
    }
    for (Map.Entry<String, Field> e : fields.entrySet()) {
      if (e.getValue().required() && !request.has(e.getKey())) {
        throw new CommandException("missing field \"" + e.getKey() + "\" (" + e.getValue().type().described + ")");
      }
    }
  }

  private static String describe(JsonNode v) {
    if (v.isObject()) {
      return "an object";
    }
    if (v.isArray()) {
      return "an array";
    }
    String text = v.toString();
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
