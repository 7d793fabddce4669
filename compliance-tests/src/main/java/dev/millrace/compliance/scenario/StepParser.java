package dev.millrace.compliance.scenario;

import static dev.millrace.compliance.scenario.JsonNodes.field;
import static dev.millrace.compliance.scenario.JsonNodes.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.millrace.windowing.AccumulationMode;
import dev.millrace.windowing.ClosingBehavior;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.GlobalWindows;
import dev.millrace.windowing.OnTimeBehavior;
import dev.millrace.windowing.Sessions;
import dev.millrace.windowing.SlidingWindows;
import dev.millrace.windowing.TimestampCombiner;
import dev.millrace.windowing.WindowFn;
import dev.millrace.windowing.triggers.AfterAll;
import dev.millrace.windowing.triggers.AfterEach;
import dev.millrace.windowing.triggers.AfterFirst;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterProcessingTime;
import dev.millrace.windowing.triggers.AfterWatermark;
import dev.millrace.windowing.triggers.DefaultTrigger;
import dev.millrace.windowing.triggers.Never;
import dev.millrace.windowing.triggers.OrFinally;
import dev.millrace.windowing.triggers.Repeatedly;
import dev.millrace.windowing.triggers.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the {@code "steps"} of a scenario: window steps (window functions, triggers and the other
 * strategy fields, turned into Millrace's windowing objects), {@code combinePerKey} and
 * {@code rekey}. Every error names the JSON path.
 */
final class StepParser {
  private static final Set<String> STEP_KINDS = Set.of("window", "combinePerKey", "rekey");
  private static final Set<String> WINDOW_FIELDS = Set.of("fn", "trigger", "accumulation",
      "allowedLateness", "timestampCombiner", "onTimeBehavior", "closingBehavior");
  private static final Map<String, AccumulationMode> MODES = Map.of(
      "discarding", AccumulationMode.DISCARDING_FIRED_PANES,
      "accumulating", AccumulationMode.ACCUMULATING_FIRED_PANES);
  private static final Map<String, TimestampCombiner> COMBINERS = Map.of(
      "earliest", TimestampCombiner.EARLIEST,
      "latest", TimestampCombiner.LATEST,
      "end_of_window", TimestampCombiner.END_OF_WINDOW);
  private static final Map<String, OnTimeBehavior> ON_TIME = Map.of(
      "fire_always", OnTimeBehavior.FIRE_ALWAYS,
      "fire_if_non_empty", OnTimeBehavior.FIRE_IF_NON_EMPTY);
  private static final Map<String, ClosingBehavior> CLOSING = Map.of(
      "fire_always", ClosingBehavior.FIRE_ALWAYS,
      "fire_if_non_empty", ClosingBehavior.FIRE_IF_NON_EMPTY);

  private StepParser() {}

  /** Parses the steps array at {@code path}. */
  static List<Step> steps(JsonNode node, String path) {
    ArrayNode array = JsonNodes.array(node, path);
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      steps.add(step(array.get(i), index(path, i)));
    }
    return steps;
  }

  private static Step step(JsonNode node, String path) {
    ObjectNode o = JsonNodes.object(node, path);
    String kind = JsonNodes.exactlyOne(o, path, STEP_KINDS, "a step");
    JsonNode body = o.get(kind);
    String bodyPath = field(path, kind);
    return switch (kind) {
      case "window" -> window(body, path, bodyPath);
      case "combinePerKey" -> new Step.CombineStep(path, combine(body, bodyPath));
      default -> new Step.RekeyStep(path, JsonNodes.string(body, bodyPath));
    };
  }

  private static CombineKind combine(JsonNode node, String path) {
    String name = JsonNodes.string(node, path);
    for (CombineKind k : CombineKind.values()) {
      if (k.jsonName().equals(name)) {
        return k;
      }
    }
    throw ScenarioException.malformed(path, "unknown combine \"" + name
        + "\"; expected one of sum, count, min, max, mean, list");
  }

  private static Step.WindowStep window(JsonNode node, String stepPath, String path) {
    ObjectNode o = JsonNodes.object(node, path);
    JsonNodes.allowOnly(o, path, WINDOW_FIELDS);
    WindowFn<?> fn = o.has("fn") ? windowFn(o.get("fn"), field(path, "fn")) : null;
    Trigger trigger = o.has("trigger") ? trigger(o.get("trigger"), field(path, "trigger")) : null;
    Duration lateness = o.has("allowedLateness")
        ? Duration.ofMillis(ScenarioTimes.nonNegativeDuration(
            o.get("allowedLateness"), field(path, "allowedLateness")))
        : null;
    return new Step.WindowStep(
        stepPath,
        fn,
        trigger,
        choice(o, "accumulation", path, MODES),
        lateness,
        choice(o, "timestampCombiner", path, COMBINERS),
        choice(o, "onTimeBehavior", path, ON_TIME),
        choice(o, "closingBehavior", path, CLOSING));
  }

  private static <T> T choice(ObjectNode o, String name, String path, Map<String, T> choices) {
    if (!o.has(name)) {
      return null;
    }
    String p = field(path, name);
    String text = JsonNodes.string(o.get(name), p);
    T value = choices.get(text);
    if (value == null) {
      List<String> names = new ArrayList<>(choices.keySet());
      names.sort(null);
      throw ScenarioException.malformed(p, "unknown value \"" + text + "\"; expected one of "
          + String.join(", ", names));
    }
    return value;
  }

  /** Parses a window function object. */
  static WindowFn<?> windowFn(JsonNode node, String path) {
    ObjectNode o = JsonNodes.object(node, path);
    String type = JsonNodes.string(JsonNodes.required(o, "type", path), field(path, "type"));
    switch (type) {
      case "global":
        JsonNodes.allowOnly(o, path, Set.of("type"));
        return GlobalWindows.of();
      case "fixed": {
        JsonNodes.allowOnly(o, path, Set.of("type", "size", "offset"));
        long size = positive(o, "size", path);
        return FixedWindows.of(Duration.ofMillis(size))
            .withOffset(Duration.ofMillis(offset(o, path)));
      }
      case "sliding": {
        JsonNodes.allowOnly(o, path, Set.of("type", "size", "period", "offset"));
        long size = positive(o, "size", path);
        long period = positive(o, "period", path);
        return SlidingWindows.of(Duration.ofMillis(size))
            .every(Duration.ofMillis(period))
            .withOffset(Duration.ofMillis(offset(o, path)));
      }
      case "sessions":
        JsonNodes.allowOnly(o, path, Set.of("type", "gap"));
        return Sessions.withGapDuration(Duration.ofMillis(positive(o, "gap", path)));
      default:
        throw ScenarioException.malformed(field(path, "type"), "unknown window function type \""
            + type + "\"; expected one of global, fixed, sliding, sessions");
    }
  }

  private static long positive(ObjectNode o, String name, String path) {
    return ScenarioTimes.positiveDuration(JsonNodes.required(o, name, path), field(path, name));
  }

  private static long offset(ObjectNode o, String path) {
    return o.has("offset")
        ? ScenarioTimes.nonNegativeDuration(o.get("offset"), field(path, "offset"))
        : 0;
  }

  /** Parses a trigger object. */
  static Trigger trigger(JsonNode node, String path) {
    ObjectNode o = JsonNodes.object(node, path);
    String type = JsonNodes.string(JsonNodes.required(o, "type", path), field(path, "type"));
    switch (type) {
      case "default":
        JsonNodes.allowOnly(o, path, Set.of("type"));
        return DefaultTrigger.of();
      case "never":
        JsonNodes.allowOnly(o, path, Set.of("type"));
        return Never.ever();
      case "afterWatermark":
        return afterWatermark(o, path);
      case "afterProcessingTime":
        return afterProcessingTime(o, path);
      case "afterCount": {
        JsonNodes.allowOnly(o, path, Set.of("type", "count"));
        String p = field(path, "count");
        long n = JsonNodes.integerAtLeast(JsonNodes.required(o, "count", path), p, 1);
        if (n > Integer.MAX_VALUE) {
          throw ScenarioException.malformed(p, "the count " + n + " is too large");
        }
        return AfterPane.elementCountAtLeast((int) n);
      }
      case "repeatedly":
        JsonNodes.allowOnly(o, path, Set.of("type", "trigger"));
        return Repeatedly.forever(sub(o, "trigger", path));
      case "afterEach":
        return AfterEach.inOrder(list(o, path).toArray(new Trigger[0]));
      case "afterFirst":
        return AfterFirst.of(list(o, path).toArray(new Trigger[0]));
      case "afterAll":
        return AfterAll.of(list(o, path).toArray(new Trigger[0]));
      case "orFinally":
        JsonNodes.allowOnly(o, path, Set.of("type", "trigger", "until"));
        return new OrFinally(sub(o, "trigger", path), sub(o, "until", path));
      default:
        throw ScenarioException.malformed(field(path, "type"), "unknown trigger type \"" + type
            + "\"; expected one of default, never, afterWatermark, afterProcessingTime, "
            + "afterCount, repeatedly, afterEach, afterFirst, afterAll, orFinally");
    }
  }

  private static Trigger sub(ObjectNode o, String name, String path) {
    return trigger(JsonNodes.required(o, name, path), field(path, name));
  }

  private static List<Trigger> list(ObjectNode o, String path) {
    JsonNodes.allowOnly(o, path, Set.of("type", "triggers"));
    String p = field(path, "triggers");
    ArrayNode array = JsonNodes.array(JsonNodes.required(o, "triggers", path), p);
    if (array.isEmpty()) {
      throw ScenarioException.malformed(p, "needs at least one trigger");
    }
    List<Trigger> triggers = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      triggers.add(trigger(array.get(i), index(p, i)));
    }
    return triggers;
  }

  private static Trigger afterWatermark(ObjectNode o, String path) {
    JsonNodes.allowOnly(o, path, Set.of("type", "early", "late"));
    AfterWatermark w = AfterWatermark.pastEndOfWindow();
    if (o.has("early")) {
      w = w.withEarlyFirings(sub(o, "early", path));
    }
    if (o.has("late")) {
      w = w.withLateFirings(sub(o, "late", path));
    }
    return w;
  }

  private static Trigger afterProcessingTime(ObjectNode o, String path) {
    JsonNodes.allowOnly(o, path, Set.of("type", "delay", "alignedTo"));
    AfterProcessingTime t = AfterProcessingTime.pastFirstElementInPane();
    if (o.has("delay")) {
      t = t.plusDelayOf(Duration.ofMillis(
          ScenarioTimes.nonNegativeDuration(o.get("delay"), field(path, "delay"))));
    }
    if (o.has("alignedTo")) {
      String p = field(path, "alignedTo");
      ObjectNode a = JsonNodes.object(o.get("alignedTo"), p);
      JsonNodes.allowOnly(a, p, Set.of("period", "offset"));
      long period = positive(a, "period", p);
      t = t.alignedTo(Duration.ofMillis(period), Instant.ofEpochMilli(offset(a, p)));
    }
    return t;
  }
}
