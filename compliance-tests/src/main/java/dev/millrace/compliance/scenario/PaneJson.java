package dev.millrace.compliance.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.millrace.compliance.scenario.ScenarioValue.DoubleValue;
import dev.millrace.compliance.scenario.ScenarioValue.IntegerValue;
import dev.millrace.compliance.scenario.ScenarioValue.ListValue;
import dev.millrace.compliance.scenario.ScenarioValue.StringValue;
import java.util.Comparator;
import java.util.function.LongFunction;

/**
 * Writes actual panes in the scenario format's pane syntax, one JSON object per pane with every
 * field: {@code --print} uses ISO-8601 instants; failure reports use readable times
 * ({@code "00:00:59.999"}, {@code "+inf"}) that can be pasted into a scenario file. NaN and the
 * infinities are written as the strings {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}.
 */
public final class PaneJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** A stable order for printing: key, window, pane index, timestamp, value. */
  public static final Comparator<ActualPane> ORDER = Comparator
      .comparing(ActualPane::key)
      .thenComparing(p -> p.window().global() ? 0 : 1)
      .thenComparingLong(p -> p.window().start())
      .thenComparingLong(p -> p.window().end())
      .thenComparingLong(p -> p.pane().index())
      .thenComparingLong(ActualPane::timestamp)
      .thenComparing(ActualPane::value);

  private PaneJson() {}

  /** The pane as one line of JSON with ISO-8601 instants (the {@code --print} format). */
  public static String line(ActualPane pane) {
    return write(toJson(pane, ScenarioTimes::iso));
  }

  /** The pane as one line of JSON with readable times, for reports. */
  public static String readable(ActualPane pane) {
    return write(toJson(pane, ScenarioTimes::readable));
  }

  private static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The pane as a JSON object, times rendered by {@code time}. */
  static ObjectNode toJson(ActualPane pane, LongFunction<String> time) {
    ObjectNode o = NODES.objectNode();
    o.put("key", pane.key());
    o.set("value", valueNode(pane.value()));
    if (pane.window().global()) {
      o.put("window", "global");
    } else {
      ArrayNode w = o.putArray("window");
      w.add(time.apply(pane.window().start()));
      w.add(time.apply(pane.window().end()));
    }
    o.put("timestamp", time.apply(pane.timestamp()));
    ObjectNode info = o.putObject("pane");
    info.put("timing", pane.pane().timing().name());
    info.put("index", pane.pane().index());
    info.put("nonSpeculativeIndex", pane.pane().nonSpeculativeIndex());
    info.put("first", pane.pane().isFirst());
    info.put("last", pane.pane().isLast());
    return o;
  }

  /** A value as JSON. */
  public static JsonNode valueNode(ScenarioValue v) {
    if (v instanceof IntegerValue i) {
      return NODES.numberNode(i.value());
    }
    if (v instanceof DoubleValue d) {
      double x = d.value();
      if (Double.isNaN(x)) {
        return NODES.textNode("NaN");
      }
      if (Double.isInfinite(x)) {
        return NODES.textNode(x > 0 ? "Infinity" : "-Infinity");
      }
      return NODES.numberNode(x);
    }
    if (v instanceof StringValue s) {
      return NODES.textNode(s.value());
    }
    if (v instanceof ListValue l) {
      ArrayNode a = NODES.arrayNode();
      l.values().forEach(e -> a.add(valueNode(e)));
      return a;
    }
    return NODES.nullNode();
  }
}
