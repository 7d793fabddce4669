package dev.millrace.compliance.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Checked access to a Jackson tree for the scenario parser: every accessor takes the JSON path of
 * the node and throws a {@link ScenarioException} naming that path and the expected shape.
 */
final class JsonNodes {
  private JsonNodes() {}

  /** The path of a field of the object at {@code path}. */
  static String field(String path, String name) {
    return name.matches("[A-Za-z_][A-Za-z0-9_]*")
        ? path + "." + name
        : path + "[\"" + name.replace("\"", "\\\"") + "\"]";
  }

  /** The path of an element of the array at {@code path}. */
  static String index(String path, int i) {
    return path + "[" + i + "]";
  }

  /** The node as an object, or an error. */
  static ObjectNode object(JsonNode n, String path) {
    if (!(n instanceof ObjectNode o)) {
      throw ScenarioException.malformed(path, "expected a JSON object, got " + describe(n));
    }
    return o;
  }

  /** The node as an array, or an error. */
  static ArrayNode array(JsonNode n, String path) {
    if (!(n instanceof ArrayNode a)) {
      throw ScenarioException.malformed(path, "expected a JSON array, got " + describe(n));
    }
    return a;
  }

  /** The node as a string, or an error. */
  static String string(JsonNode n, String path) {
    if (n == null || !n.isTextual()) {
      throw ScenarioException.malformed(path, "expected a string, got " + describe(n));
    }
    return n.textValue();
  }

  /** The node as a boolean, or an error. */
  static boolean bool(JsonNode n, String path) {
    if (n == null || !n.isBoolean()) {
      throw ScenarioException.malformed(path, "expected true or false, got " + describe(n));
    }
    return n.booleanValue();
  }

  /** The node as an integer of at least {@code min}, or an error. */
  static long integerAtLeast(JsonNode n, String path, long min) {
    if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
      throw ScenarioException.malformed(path, "expected an integer, got " + describe(n));
    }
    long v = n.longValue();
    if (v < min) {
      throw ScenarioException.malformed(path, "expected an integer of at least " + min + ", got " + v);
    }
    return v;
  }

  /** A required field, or an error naming it. */
  static JsonNode required(ObjectNode o, String name, String path) {
    JsonNode n = o.get(name);
    if (n == null) {
      throw ScenarioException.malformed(path, "missing required field '" + name + "'");
    }
    return n;
  }

  /** Rejects fields outside {@code allowed}, suggesting the closest allowed name. */
  static void allowOnly(ObjectNode o, String path, Set<String> allowed) {
    Iterator<String> names = o.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        String closest = closest(name, allowed);
        throw ScenarioException.malformed(
            field(path, name),
            "unknown field '" + name + "'"
                + (closest == null ? "" : " (did you mean '" + closest + "'?)")
                + "; allowed here: " + String.join(", ", sorted(allowed)));
      }
    }
  }

  /**
   * The single field of an object that must have exactly one of {@code choices} (a step or an
   * event), or an error.
   */
  static String exactlyOne(ObjectNode o, String path, Set<String> choices, String what) {
    allowOnly(o, path, choices);
    List<String> present = new ArrayList<>();
    o.fieldNames().forEachRemaining(present::add);
    if (present.size() != 1) {
      throw ScenarioException.malformed(
          path,
          what + " must have exactly one of the fields " + String.join(", ", sorted(choices))
              + (present.isEmpty() ? ", got none" : ", got " + String.join(", ", present)));
    }
    return present.get(0);
  }

  /** A short description of a node for messages, e.g. {@code a number (5)}. */
  static String describe(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "nothing";
    }
    String text = n.toString();
    if (text.length() > 60) {
      text = text.substring(0, 57) + "...";
    }
    if (n.isNull()) {
      return "null";
    }
    if (n.isTextual()) {
      return "the string " + text;
    }
    if (n.isNumber()) {
      return "the number " + text;
    }
    if (n.isBoolean()) {
      return text;
    }
    return (n.isArray() ? "the array " : "the object ") + text;
  }

  private static List<String> sorted(Set<String> names) {
    List<String> l = new ArrayList<>(names);
    l.sort(null);
    return l;
  }

  private static String closest(String name, Set<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(name.toLowerCase(), c.toLowerCase());
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return bestDistance <= Math.max(2, name.length() / 3) ? best : null;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
