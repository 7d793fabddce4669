package dev.millrace.compliance.scenario;

import static dev.millrace.compliance.scenario.JsonNodes.field;
import static dev.millrace.compliance.scenario.JsonNodes.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Parses the {@code "expected"} panes of a scenario into {@link PanePattern}s. */
final class PatternParser {
  private static final Set<String> PANE_FIELDS =
      Set.of("key", "value", "window", "timestamp", "pane");
  private static final Set<String> INFO_FIELDS =
      Set.of("timing", "index", "nonSpeculativeIndex", "first", "last");
  private static final Set<String> TIMINGS = Set.of("EARLY", "ON_TIME", "LATE", "UNKNOWN");

  private PatternParser() {}

  /** Parses the array of expected panes at {@code path}. */
  static List<PanePattern> panes(JsonNode node, String path) {
    ArrayNode array = JsonNodes.array(node, path);
    List<PanePattern> panes = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      panes.add(pane(array.get(i), index(path, i)));
    }
    return panes;
  }

  private static PanePattern pane(JsonNode node, String path) {
    ObjectNode o = JsonNodes.object(node, path);
    JsonNodes.allowOnly(o, path, PANE_FIELDS);
    String key = o.has("key") ? JsonNodes.string(o.get("key"), field(path, "key")) : null;
    JsonNode value = o.has("value") ? checkValue(o.get("value"), field(path, "value")) : null;
    PaneWindow window = o.has("window") ? window(o.get("window"), field(path, "window")) : null;
    Long timestamp = o.has("timestamp")
        ? ScenarioTimes.instant(o.get("timestamp"), field(path, "timestamp"))
        : null;
    if (!o.has("pane")) {
      return new PanePattern(path, o, key, value, window, timestamp, null, null, null, null, null);
    }
    String p = field(path, "pane");
    ObjectNode info = JsonNodes.object(o.get("pane"), p);
    JsonNodes.allowOnly(info, p, INFO_FIELDS);
    String timing = null;
    if (info.has("timing")) {
      timing = JsonNodes.string(info.get("timing"), field(p, "timing"));
      if (!TIMINGS.contains(timing)) {
        throw ScenarioException.malformed(field(p, "timing"), "unknown timing \"" + timing
            + "\"; expected one of EARLY, ON_TIME, LATE, UNKNOWN");
      }
    }
    Long idx = info.has("index")
        ? JsonNodes.integerAtLeast(info.get("index"), field(p, "index"), 0)
        : null;
    Long nonSpec = info.has("nonSpeculativeIndex")
        ? JsonNodes.integerAtLeast(info.get("nonSpeculativeIndex"), field(p, "nonSpeculativeIndex"), -1)
        : null;
    Boolean first = info.has("first") ? JsonNodes.bool(info.get("first"), field(p, "first")) : null;
    Boolean last = info.has("last") ? JsonNodes.bool(info.get("last"), field(p, "last")) : null;
    return new PanePattern(path, o, key, value, window, timestamp, timing, idx, nonSpec, first, last);
  }

  private static JsonNode checkValue(JsonNode n, String path) {
    if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        checkValue(n.get(i), index(path, i));
      }
      return n;
    }
    if (n.isNumber() || n.isTextual() || n.isNull()) {
      return n;
    }
    throw ScenarioException.malformed(path, "an expected value must be a number, a string, null"
        + " or an array of them; got " + JsonNodes.describe(n));
  }

  private static PaneWindow window(JsonNode n, String path) {
    if (n.isTextual() && n.textValue().equals("global")) {
      return PaneWindow.GLOBAL;
    }
    if (!n.isArray() || n.size() != 2) {
      throw ScenarioException.malformed(path, "a window is \"global\" or [start, end]; got "
          + JsonNodes.describe(n));
    }
    long start = ScenarioTimes.instant(n.get(0), index(path, 0));
    long end = ScenarioTimes.instant(n.get(1), index(path, 1));
    if (end <= start) {
      throw ScenarioException.malformed(path, "a window's end must be after its start; got ["
          + ScenarioTimes.readable(start) + ", " + ScenarioTimes.readable(end) + ")");
    }
    return PaneWindow.interval(start, end);
  }
}
