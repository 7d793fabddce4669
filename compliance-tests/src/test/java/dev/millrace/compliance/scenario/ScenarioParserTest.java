package dev.millrace.compliance.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.windowing.AccumulationMode;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.Sessions;
import dev.millrace.windowing.SlidingWindows;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.triggers.AfterEach;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterProcessingTime;
import dev.millrace.windowing.triggers.AfterWatermark;
import dev.millrace.windowing.triggers.OrFinally;
import dev.millrace.windowing.triggers.Repeatedly;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The scenario parser: the model it builds, and one error per validation rule with its path. */
class ScenarioParserTest {
  private static final String STEPS =
      "[{\"window\": {\"fn\": {\"type\": \"fixed\", \"size\": \"PT1M\"}}}, {\"combinePerKey\": \"sum\"}]";
  private static final String INPUT = "[{\"add\": [{\"key\": \"k\", \"value\": 1, \"time\": \"00:00:10\"}]}]";

  private static String doc(String steps, String input, String extra) {
    return "{\"name\": \"t\", \"steps\": " + steps + ", \"input\": " + input + extra + "}";
  }

  private static String withSteps(String steps) {
    return doc(steps, INPUT, "");
  }

  private static String withInput(String input) {
    return doc(STEPS, input, "");
  }

  private static String withWindow(String window) {
    return withSteps("[{\"window\": " + window + "}, {\"combinePerKey\": \"sum\"}]");
  }

  private static String withExpected(String expected) {
    return doc(STEPS, INPUT, ", \"expected\": " + expected);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("not JSON", "{\"name\": ", "$", "invalid JSON"),
        Arguments.of("duplicate field", "{\"name\": \"a\", \"name\": \"b\"}", "$", "Duplicate field"),
        Arguments.of("not an object", "[1]", "$", "expected a JSON object"),
        Arguments.of("empty file", "", "$", "empty"),
        Arguments.of("missing name", "{\"steps\": [], \"input\": []}", "$", "missing required field 'name'"),
        Arguments.of("missing steps", "{\"name\": \"a\", \"input\": []}", "$", "'steps'"),
        Arguments.of("missing input", "{\"name\": \"a\", \"steps\": []}", "$", "'input'"),
        Arguments.of("unknown top field", doc(STEPS, INPUT, ", \"expcted\": []"), "$.expcted",
            "did you mean 'expected'"),
        Arguments.of("step with two kinds", withSteps("[{\"rekey\": \"a\", \"combinePerKey\": \"sum\"}]"),
            "$.steps[0]", "exactly one"),
        Arguments.of("unknown step", withSteps("[{\"group\": 1}]"), "$.steps[0].group", "unknown field"),
        Arguments.of("unknown combine", withSteps("[{\"combinePerKey\": \"avg\"}]"),
            "$.steps[0].combinePerKey", "unknown combine \"avg\""),
        Arguments.of("rekey not a string", withSteps("[{\"rekey\": 3}]"), "$.steps[0].rekey", "expected a string"),
        Arguments.of("unknown window field", withWindow("{\"allowedLatenes\": 5}"),
            "$.steps[0].window.allowedLatenes", "did you mean 'allowedLateness'"),
        Arguments.of("unknown fn type", withWindow("{\"fn\": {\"type\": \"tumbling\"}}"),
            "$.steps[0].window.fn.type", "unknown window function type"),
        Arguments.of("fixed without size", withWindow("{\"fn\": {\"type\": \"fixed\"}}"),
            "$.steps[0].window.fn", "missing required field 'size'"),
        Arguments.of("zero size", withWindow("{\"fn\": {\"type\": \"fixed\", \"size\": 0}}"),
            "$.steps[0].window.fn.size", "must be positive"),
        Arguments.of("sliding field on fixed", withWindow("{\"fn\": {\"type\": \"fixed\", \"size\": 5, \"period\": 1}}"),
            "$.steps[0].window.fn.period", "unknown field"),
        Arguments.of("bad duration", withWindow("{\"fn\": {\"type\": \"sessions\", \"gap\": \"1 minute\"}}"),
            "$.steps[0].window.fn.gap", "a duration is"),
        Arguments.of("sub-millisecond duration", withWindow("{\"fn\": {\"type\": \"sessions\", \"gap\": \"PT0.0001S\"}}"),
            "$.steps[0].window.fn.gap", "whole millisecond"),
        Arguments.of("negative lateness", withWindow("{\"allowedLateness\": -1}"),
            "$.steps[0].window.allowedLateness", "must not be negative"),
        Arguments.of("unknown accumulation", withWindow("{\"accumulation\": \"accumulate\"}"),
            "$.steps[0].window.accumulation", "expected one of accumulating, discarding"),
        Arguments.of("unknown combiner", withWindow("{\"timestampCombiner\": \"EARLIEST\"}"),
            "$.steps[0].window.timestampCombiner", "end_of_window"),
        Arguments.of("unknown behaviour", withWindow("{\"closingBehavior\": \"always\"}"),
            "$.steps[0].window.closingBehavior", "fire_always"),
        Arguments.of("unknown trigger", withWindow("{\"trigger\": {\"type\": \"afterPane\"}}"),
            "$.steps[0].window.trigger.type", "unknown trigger type"),
        Arguments.of("trigger without type", withWindow("{\"trigger\": {}}"),
            "$.steps[0].window.trigger", "missing required field 'type'"),
        Arguments.of("count zero", withWindow("{\"trigger\": {\"type\": \"afterCount\", \"count\": 0}}"),
            "$.steps[0].window.trigger.count", "at least 1"),
        Arguments.of("nested trigger error", withWindow("{\"trigger\": {\"type\": \"afterWatermark\", "
                + "\"early\": {\"type\": \"afterFirst\", \"triggers\": [{\"type\": \"afterCount\", \"count\": 1}, "
                + "{\"type\": \"afterProcessingTime\", \"delay\": \"soon\"}]}}}"),
            "$.steps[0].window.trigger.early.triggers[1].delay", "a duration is"),
        Arguments.of("empty trigger list", withWindow("{\"trigger\": {\"type\": \"afterAll\", \"triggers\": []}}"),
            "$.steps[0].window.trigger.triggers", "at least one"),
        Arguments.of("alignedTo without period", withWindow("{\"trigger\": {\"type\": \"afterProcessingTime\", "
                + "\"alignedTo\": {\"offset\": 5}}}"),
            "$.steps[0].window.trigger.alignedTo", "missing required field 'period'"),
        Arguments.of("orFinally without until", withWindow("{\"trigger\": {\"type\": \"orFinally\", "
                + "\"trigger\": {\"type\": \"never\"}}}"),
            "$.steps[0].window.trigger", "missing required field 'until'"),
        Arguments.of("event with two kinds", withInput("[{\"watermark\": 5, \"processingTime\": 6}]"),
            "$.input[0]", "exactly one"),
        Arguments.of("unknown event", withInput("[{\"watermak\": 5}]"), "$.input[0].watermak",
            "did you mean 'watermark'"),
        Arguments.of("element without time", withInput("[{\"add\": [{\"key\": \"k\", \"value\": 1}]}]"),
            "$.input[0].add[0]", "missing required field 'time'"),
        Arguments.of("element key not a string", withInput("[{\"add\": [{\"key\": 1, \"value\": 1, \"time\": 0}]}]"),
            "$.input[0].add[0].key", "expected a string"),
        Arguments.of("element value object", withInput("[{\"add\": [{\"key\": \"k\", \"value\": {}, \"time\": 0}]}]"),
            "$.input[0].add[0].value", "integer, a number or a string"),
        Arguments.of("element value null", withInput("[{\"add\": [{\"key\": \"k\", \"value\": null, \"time\": 0}]}]"),
            "$.input[0].add[0].value", "integer, a number or a string"),
        Arguments.of("element at +inf", withInput("[{\"add\": [{\"key\": \"k\", \"value\": 1, \"time\": \"+inf\"}]}]"),
            "$.input[0].add[0].time", "can never be processed"),
        Arguments.of("bad time of day", withInput("[{\"watermark\": \"12:61:00\"}]"), "$.input[0].watermark",
            "not a time of day"),
        Arguments.of("bad time text", withInput("[{\"watermark\": \"noon\"}]"), "$.input[0].watermark",
            "an instant is"),
        Arguments.of("time out of range", withInput("[{\"watermark\": 9223372036854776}]"),
            "$.input[0].watermark", "out of range"),
        Arguments.of("watermark backwards", withInput("[{\"watermark\": \"00:02:00\"}, {\"watermark\": \"00:01:00\"}]"),
            "$.input[1].watermark", "must not move backwards"),
        Arguments.of("processing time backwards", withInput("[{\"processingTime\": \"00:02:00\"}, "
                + "{\"processingTime\": \"00:01:00\"}]"),
            "$.input[1].processingTime", "must not move backwards"),
        Arguments.of("negative advance", withInput("[{\"advanceProcessingTime\": -5}]"),
            "$.input[0].advanceProcessingTime", "must not move backwards"),
        Arguments.of("processing time before start", doc(STEPS, "[{\"processingTime\": \"00:00:01\"}]",
                ", \"startProcessingTime\": \"00:00:02\""),
            "$.input[0].processingTime", "must not move backwards"),
        Arguments.of("event after +inf", withInput("[{\"watermark\": \"+inf\"}, {\"advanceProcessingTime\": 5}]"),
            "$.input[1]", "no event may follow"),
        Arguments.of("strings mixed with numbers", withInput("[{\"add\": [{\"key\": \"k\", \"value\": 1, \"time\": 0}]}, "
                + "{\"add\": [{\"key\": \"k\", \"value\": \"x\", \"time\": 0}]}]"),
            "$.input[1].add[0].value", "strings mixed with numbers"),
        Arguments.of("unknown pane field", withExpected("[{\"key\": \"k\", \"panes\": {}}]"),
            "$.expected[0].panes", "did you mean 'pane'"),
        Arguments.of("unknown timing", withExpected("[{\"pane\": {\"timing\": \"ONTIME\"}}]"),
            "$.expected[0].pane.timing", "unknown timing"),
        Arguments.of("bad index", withExpected("[{\"pane\": {\"index\": -1}}]"),
            "$.expected[0].pane.index", "at least 0"),
        Arguments.of("bad first", withExpected("[{\"pane\": {\"first\": \"yes\"}}]"),
            "$.expected[0].pane.first", "true or false"),
        Arguments.of("bad window", withExpected("[{\"window\": [\"00:00:00\"]}]"),
            "$.expected[0].window", "\"global\" or [start, end]"),
        Arguments.of("empty window", withExpected("[{\"window\": [\"00:01:00\", \"00:01:00\"]}]"),
            "$.expected[0].window", "end must be after its start"),
        Arguments.of("bad expected value", withExpected("[{\"value\": true}]"),
            "$.expected[0].value", "a number, a string, null"),
        Arguments.of("bad expected timestamp", withExpected("[{\"timestamp\": \"later\"}]"),
            "$.expected[0].timestamp", "an instant is"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void rejectsWithThePath(String what, String json, String path, String fragment) {
    assertThatThrownBy(() -> ScenarioParser.parse(json))
        .isInstanceOf(ScenarioException.class)
        .satisfies(e -> {
          ScenarioException se = (ScenarioException) e;
          assertThat(se.jsonPath()).isEqualTo(path);
          assertThat(se.getMessage()).contains("at " + path + ": ").contains(fragment);
        });
  }

  @Test
  void errorsFromFilesNameTheFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path f = dir.resolve("bad.json");
    java.nio.file.Files.writeString(f, withInput("[{\"watermark\": \"x\"}]"));
    assertThatThrownBy(() -> ScenarioParser.parse(f))
        .hasMessageStartingWith(f + ": at $.input[0].watermark: ");
  }

  @Test
  void buildsTheModel() {
    Scenario s = ScenarioParser.parse("{\"name\": \"full\", \"description\": \"d\","
        + " \"startProcessingTime\": \"12:00:00\", \"steps\": ["
        + "{\"window\": {\"fn\": {\"type\": \"sliding\", \"size\": \"PT1M\", \"period\": 20000, \"offset\": 5000},"
        + "  \"trigger\": {\"type\": \"repeatedly\", \"trigger\": {\"type\": \"afterEach\", \"triggers\": ["
        + "    {\"type\": \"afterCount\", \"count\": 2},"
        + "    {\"type\": \"afterProcessingTime\", \"delay\": \"PT1M\", \"alignedTo\": {\"period\": \"PT1M\", \"offset\": \"PT10S\"}}]}},"
        + "  \"accumulation\": \"accumulating\", \"allowedLateness\": \"PT5M\"}},"
        + "{\"combinePerKey\": \"mean\"}, {\"rekey\": \"all\"},"
        + "{\"window\": {\"fn\": {\"type\": \"sessions\", \"gap\": 1000}, \"trigger\": {\"type\": \"orFinally\","
        + "  \"trigger\": {\"type\": \"never\"}, \"until\": {\"type\": \"afterWatermark\","
        + "  \"early\": {\"type\": \"afterCount\", \"count\": 1}}}}}],"
        + " \"input\": [{\"add\": [{\"key\": \"k\", \"value\": 2.5, \"time\": \"-inf\"}]},"
        + "  {\"watermark\": \"00:00:00\"}, {\"watermark\": 0}, {\"processingTime\": \"12:00:00\"},"
        + "  {\"processingTime\": \"12:00:30\"}, {\"advanceProcessingTime\": \"PT0.5S\"}, {\"advanceProcessingTime\": 0}],"
        + " \"expected\": [{\"key\": \"k\"}]}");
    assertThat(s.name()).isEqualTo("full");
    assertThat(s.startProcessingTime()).isEqualTo(12 * 3600_000L);
    Step.WindowStep w = (Step.WindowStep) s.steps().get(0);
    assertThat(w.fn()).isEqualTo(SlidingWindows.of(Duration.ofMinutes(1))
        .every(Duration.ofSeconds(20)).withOffset(Duration.ofSeconds(5)));
    assertThat(w.trigger()).isEqualTo(Repeatedly.forever(AfterEach.inOrder(
        AfterPane.elementCountAtLeast(2),
        AfterProcessingTime.pastFirstElementInPane().plusDelayOf(Duration.ofMinutes(1))
            .alignedTo(Duration.ofMinutes(1), Instant.ofEpochMilli(10_000)))));
    assertThat(w.accumulation()).isEqualTo(AccumulationMode.ACCUMULATING_FIRED_PANES);
    assertThat(w.allowedLateness()).isEqualTo(Duration.ofMinutes(5));
    assertThat(w.timestampCombiner()).isNull();
    assertThat(s.steps().get(1)).isEqualTo(new Step.CombineStep("$.steps[1]", CombineKind.MEAN));
    assertThat(s.steps().get(2)).isEqualTo(new Step.RekeyStep("$.steps[2]", "all"));
    Step.WindowStep w2 = (Step.WindowStep) s.steps().get(3);
    assertThat(w2.fn()).isEqualTo(Sessions.withGapDuration(Duration.ofSeconds(1)));
    assertThat(w2.trigger()).isEqualTo(new OrFinally(dev.millrace.windowing.triggers.Never.ever(),
        AfterWatermark.pastEndOfWindow().withEarlyFirings(AfterPane.elementCountAtLeast(1))));
    // The second watermark and the unchanged processing time are no-ops and dropped; the
    // absolute processing time becomes an advance.
    assertThat(s.input()).containsExactly(
        new InputEvent.Add(List.of(new InputEvent.Element("k", ScenarioValue.of(2.5), Timestamps.MIN))),
        new InputEvent.Watermark(0),
        new InputEvent.AdvanceProcessingTime(30_000),
        new InputEvent.AdvanceProcessingTime(500));
    assertThat(s.inputKind()).isEqualTo(ValueKind.DOUBLE);
    assertThat(s.expected()).hasValueSatisfying(e -> assertThat(e).hasSize(1));
  }

  @Test
  void expectedIsOptionalAndFixedOffsetParses() {
    Scenario s = ScenarioParser.parse(withWindow("{\"fn\": {\"type\": \"fixed\", \"size\": \"PT1M\", \"offset\": \"PT15S\"}}"));
    assertThat(s.expected()).isEmpty();
    assertThat(((Step.WindowStep) s.steps().get(0)).fn())
        .isEqualTo(FixedWindows.of(Duration.ofMinutes(1)).withOffset(Duration.ofSeconds(15)));
    assertThat(s.inputKind()).isEqualTo(ValueKind.INTEGER);
  }
}
