package dev.millrace.compliance.scenario;

import static dev.millrace.compliance.scenario.JsonNodes.field;
import static dev.millrace.compliance.scenario.JsonNodes.index;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a scenario file (format v1, see {@code shared/conformance/SCENARIO-FORMAT.md}) into a
 * validated {@link Scenario}. It checks everything that can be checked without building a
 * pipeline: JSON syntax (duplicate fields included), required and unknown fields, times and
 * durations, window functions and triggers, and the event rules (watermark and processing time
 * never move backwards, nothing after the watermark reached {@code "+inf"}, no element at
 * {@code "+inf"}). Errors are {@link ScenarioException}s naming the JSON path.
 *
 * <p>Numbers: a value written as a JSON integer is an integer; one written with a fraction or an
 * exponent ({@code 2.5}, {@code 1e3}) is a non-integer number, which makes every value of the
 * scenario a double.
 */
public final class ScenarioParser {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final Set<String> TOP_FIELDS =
      Set.of("name", "description", "startProcessingTime", "steps", "input", "expected");

  private ScenarioParser() {}

  /** Parses a file; errors name the file. */
  public static Scenario parse(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw ScenarioException.malformed("$", "cannot read the file: " + e).inFile(file);
    }
    try {
      return parse(text);
    } catch (ScenarioException e) {
      throw e.inFile(file);
    }
  }

  /** Parses scenario JSON text. */
  public static Scenario parse(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      JsonLocation l = e.getLocation();
      String where = l == null ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
      throw ScenarioException.malformed("$", "invalid JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root == null || root.isMissingNode()) {
      throw ScenarioException.malformed("$", "the file is empty; expected a scenario object");
    }
    return scenario(root);
  }

  private static Scenario scenario(JsonNode node) {
    ObjectNode o = JsonNodes.object(node, "$");
    JsonNodes.allowOnly(o, "$", TOP_FIELDS);
    String name = JsonNodes.string(JsonNodes.required(o, "name", "$"), "$.name");
    if (name.isBlank()) {
      throw ScenarioException.malformed("$.name", "the name must not be empty");
    }
    String description = o.has("description")
        ? JsonNodes.string(o.get("description"), "$.description")
        : "";
    long start = o.has("startProcessingTime")
        ? ScenarioTimes.instant(o.get("startProcessingTime"), "$.startProcessingTime")
        : 0;
    List<Step> steps = StepParser.steps(JsonNodes.required(o, "steps", "$"), "$.steps");
    List<InputEvent> input = new EventParser(start).events(JsonNodes.required(o, "input", "$"));
    Optional<List<PanePattern>> expected = o.has("expected")
        ? Optional.of(PatternParser.panes(o.get("expected"), "$.expected"))
        : Optional.empty();
    return new Scenario(name, description, start, steps, input, expected);
  }

  /** Parses the input events, tracking the watermark and processing time to validate them. */
  private static final class EventParser {
    private static final Set<String> EVENT_KINDS =
        Set.of("add", "watermark", "processingTime", "advanceProcessingTime");
    private long watermark = dev.millrace.windowing.Timestamps.MIN;
    private long processingTime;
    private String endedAt;
    private String firstNumber;
    private String firstString;

    EventParser(long startProcessingTime) {
      this.processingTime = startProcessingTime;
    }

    List<InputEvent> events(JsonNode node) {
      ArrayNode array = JsonNodes.array(node, "$.input");
      List<InputEvent> events = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        InputEvent e = event(array.get(i), index("$.input", i));
        if (e != null) {
          events.add(e);
        }
      }
      return events;
    }

    /** The event, or null when it does nothing (an unchanged watermark or processing time). */
    private InputEvent event(JsonNode node, String path) {
      ObjectNode o = JsonNodes.object(node, path);
      String kind = JsonNodes.exactlyOne(o, path, EVENT_KINDS, "an input event");
      if (endedAt != null) {
        throw ScenarioException.malformed(path, "no event may follow the watermark reaching"
            + " \"+inf\" (at " + endedAt + "): the input has ended");
      }
      String p = field(path, kind);
      return switch (kind) {
        case "add" -> add(o.get(kind), p);
        case "watermark" -> watermark(o.get(kind), p, path);
        case "processingTime" -> processingTime(o.get(kind), p);
        default -> advance(o.get(kind), p);
      };
    }

    private InputEvent add(JsonNode node, String path) {
      ArrayNode array = JsonNodes.array(node, path);
      List<InputEvent.Element> elements = new ArrayList<>();
      for (int i = 0; i < array.size(); i++) {
        elements.add(element(array.get(i), index(path, i)));
      }
      return new InputEvent.Add(elements);
    }

    private InputEvent.Element element(JsonNode node, String path) {
      ObjectNode o = JsonNodes.object(node, path);
      JsonNodes.allowOnly(o, path, Set.of("key", "value", "time"));
      String key = JsonNodes.string(JsonNodes.required(o, "key", path), field(path, "key"));
      String vp = field(path, "value");
      ScenarioValue value = value(JsonNodes.required(o, "value", path), vp);
      checkNotMixed(value, vp);
      String tp = field(path, "time");
      long time = ScenarioTimes.instant(JsonNodes.required(o, "time", path), tp);
      if (time == dev.millrace.windowing.Timestamps.MAX) {
        throw ScenarioException.malformed(tp, "an element at \"+inf\" (the end of time) can never"
            + " be processed; use an earlier time");
      }
      return new InputEvent.Element(key, value, time);
    }

    private void checkNotMixed(ScenarioValue value, String path) {
      boolean string = value instanceof ScenarioValue.StringValue;
      if (string && firstString == null) {
        firstString = path;
      } else if (!string && firstNumber == null) {
        firstNumber = path;
      }
      if (firstString != null && firstNumber != null) {
        throw ScenarioException.unsupported(path, "strings mixed with numbers ("
            + firstNumber + " is a number, " + firstString + " a string); use only one kind");
      }
    }

    private static ScenarioValue value(JsonNode n, String path) {
      if (n.isTextual()) {
        return ScenarioValue.of(n.textValue());
      }
      if (n.isIntegralNumber()) {
        if (!n.canConvertToLong()) {
          throw ScenarioException.malformed(path, "the integer " + n + " does not fit in 64 bits");
        }
        return ScenarioValue.of(n.longValue());
      }
      if (n.isNumber()) {
        return ScenarioValue.of(n.doubleValue());
      }
      throw ScenarioException.malformed(path,
          "an element's value must be an integer, a number or a string; got " + JsonNodes.describe(n));
    }

    private InputEvent watermark(JsonNode node, String path, String eventPath) {
      long t = ScenarioTimes.instant(node, path);
      if (t < watermark) {
        throw ScenarioException.malformed(path, "the watermark must not move backwards: it is at "
            + ScenarioTimes.readable(watermark) + ", this event moves it to "
            + ScenarioTimes.readable(t));
      }
      if (t == dev.millrace.windowing.Timestamps.MAX) {
        endedAt = eventPath;
      }
      if (t == watermark) {
        return null;
      }
      watermark = t;
      return new InputEvent.Watermark(t);
    }

    private InputEvent processingTime(JsonNode node, String path) {
      long t = ScenarioTimes.instant(node, path);
      if (t < processingTime) {
        throw ScenarioException.malformed(path, "processing time must not move backwards: it is "
            + ScenarioTimes.readable(processingTime) + ", this event sets it to "
            + ScenarioTimes.readable(t));
      }
      return advanceBy(t - processingTime);
    }

    private InputEvent advance(JsonNode node, String path) {
      long d = ScenarioTimes.duration(node, path);
      if (d < 0) {
        throw ScenarioException.malformed(path,
            "processing time must not move backwards; got an advance of " + d + " ms");
      }
      return advanceBy(d);
    }

    private InputEvent advanceBy(long millis) {
      if (millis == 0) {
        return null;
      }
      processingTime += millis;
      return new InputEvent.AdvanceProcessingTime(millis);
    }
  }
}
