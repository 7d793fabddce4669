package dev.millrace.compliance.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.millrace.windowing.PaneInfo;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Matching expected panes (partial, as JSON) against actual ones. */
class PaneMatcherTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final PaneInfo ON_TIME = new PaneInfo(PaneInfo.Timing.ON_TIME, 0, 0, true, true);
  private static final PaneInfo LATE = new PaneInfo(PaneInfo.Timing.LATE, 1, 1, false, false);

  private static ActualPane pane(String key, ScenarioValue v, long start, long end, PaneInfo info) {
    return new ActualPane(key, v, PaneWindow.interval(start, end), end - 1, info);
  }

  private static PanePattern pattern(String json) {
    String doc = "{\"name\": \"m\", \"steps\": [], \"input\": [], \"expected\": [" + json + "]}";
    return ScenarioParser.parse(doc).expected().orElseThrow().get(0);
  }

  static Stream<Arguments> values() {
    return Stream.of(
        Arguments.of("3", ScenarioValue.of(3L), true),
        Arguments.of("3", ScenarioValue.of(3.0), true),
        Arguments.of("3.0", ScenarioValue.of(3L), true),
        Arguments.of("3", ScenarioValue.of(4L), false),
        Arguments.of("9223372036854775807", ScenarioValue.of(Long.MAX_VALUE), true),
        Arguments.of("9223372036854775806", ScenarioValue.of(Long.MAX_VALUE), false),
        Arguments.of("2.333333333333", ScenarioValue.of(7.0 / 3), true),
        Arguments.of("2.3333", ScenarioValue.of(7.0 / 3), false),
        Arguments.of("1000000000", ScenarioValue.of(1000000000.5), true),
        Arguments.of("0", ScenarioValue.of(1e-300), false),
        Arguments.of("\"NaN\"", ScenarioValue.of(Double.NaN), true),
        Arguments.of("\"Infinity\"", ScenarioValue.of(Double.POSITIVE_INFINITY), true),
        Arguments.of("\"-Infinity\"", ScenarioValue.of(Double.NEGATIVE_INFINITY), true),
        Arguments.of("\"Infinity\"", ScenarioValue.of(Double.NEGATIVE_INFINITY), false),
        Arguments.of("\"NaN\"", ScenarioValue.of(1.0), false),
        Arguments.of("\"3\"", ScenarioValue.of(3L), false),
        Arguments.of("\"pear\"", ScenarioValue.of("pear"), true),
        Arguments.of("\"pear\"", ScenarioValue.of("apple"), false),
        Arguments.of("null", ScenarioValue.NullValue.INSTANCE, true),
        Arguments.of("null", ScenarioValue.of(0L), false),
        Arguments.of("[1, 2.0, 3]", new ScenarioValue.ListValue(List.of(
            ScenarioValue.of(1L), ScenarioValue.of(2L), ScenarioValue.of(3L))), true),
        Arguments.of("[1, 3]", new ScenarioValue.ListValue(List.of(
            ScenarioValue.of(1L), ScenarioValue.of(2L), ScenarioValue.of(3L))), false),
        Arguments.of("[]", new ScenarioValue.ListValue(List.of()), true),
        Arguments.of("[]", ScenarioValue.of(0L), false));
  }

  @ParameterizedTest(name = "{0} vs {1}: {2}")
  @MethodSource("values")
  void valueMatching(String expected, ScenarioValue actual, boolean matches) throws Exception {
    JsonNode e = MAPPER.readTree(expected);
    assertThat(PaneMatcher.valueMatches(e, actual)).isEqualTo(matches);
  }

  @Test
  void onlyPresentFieldsAreCompared() {
    ActualPane a = pane("k", ScenarioValue.of(8L), 0, 60_000, LATE);
    assertThat(PaneMatcher.matches(pattern("{}"), a)).isTrue();
    assertThat(PaneMatcher.matches(pattern("{\"key\": \"k\", \"pane\": {\"timing\": \"LATE\"}}"), a)).isTrue();
    assertThat(PaneMatcher.matches(pattern("{\"pane\": {\"last\": true}}"), a)).isFalse();
    assertThat(PaneMatcher.differences(pattern("{\"key\": \"j\", \"value\": 9, \"pane\": {\"index\": 0}}"), a))
        .containsExactly("key: expected \"j\", actual \"k\"", "value: expected 9, actual 8",
            "pane.index: expected 0, actual 1");
  }

  @Test
  void timesCompareAsInstants() {
    ActualPane a = pane("k", ScenarioValue.of(1L), 0, 60_000, ON_TIME);
    assertThat(PaneMatcher.matches(pattern(
        "{\"window\": [\"1970-01-01T00:00:00Z\", 60000], \"timestamp\": \"00:00:59.999\"}"), a)).isTrue();
    assertThat(PaneMatcher.matches(pattern("{\"timestamp\": \"00:00:59\"}"), a)).isFalse();
    assertThat(PaneMatcher.matches(pattern("{\"window\": \"global\"}"), a)).isFalse();
    ActualPane global = new ActualPane("k", ScenarioValue.of(1L), PaneWindow.GLOBAL,
        9223371950454775L, ON_TIME);
    assertThat(PaneMatcher.matches(pattern("{\"window\": \"global\", \"timestamp\": 9223371950454775}"), global))
        .isTrue();
  }

  @Test
  void multisetMatchingFindsAPairingForPartialPatterns() {
    ActualPane early = pane("k", ScenarioValue.of(1L), 0, 60_000,
        new PaneInfo(PaneInfo.Timing.EARLY, 0, -1, true, false));
    ActualPane onTime = pane("k", ScenarioValue.of(1L), 0, 60_000,
        new PaneInfo(PaneInfo.Timing.ON_TIME, 1, 0, false, true));
    // The first pattern fits both panes, the second only the ON_TIME one: a greedy pairing that
    // gave the first pattern the ON_TIME pane would wrongly fail.
    List<PanePattern> expected = List.of(pattern("{\"key\": \"k\"}"),
        pattern("{\"key\": \"k\", \"pane\": {\"timing\": \"ON_TIME\"}}"));
    assertThat(PaneMatcher.match(expected, List.of(onTime, early)).passed()).isTrue();
  }

  @Test
  void duplicatesCountAsAMultiset() {
    ActualPane a = pane("k", ScenarioValue.of(1L), 0, 60_000, ON_TIME);
    PanePattern p = pattern("{\"key\": \"k\", \"value\": 1}");
    PaneMatcher.Result twoActual = PaneMatcher.match(List.of(p), List.of(a, a));
    assertThat(twoActual.passed()).isFalse();
    assertThat(twoActual.unexpected()).containsExactly(a);
    PaneMatcher.Result twoExpected = PaneMatcher.match(List.of(p, p), List.of(a));
    assertThat(twoExpected.missing()).hasSize(1);
    assertThat(PaneMatcher.match(List.of(p, p), List.of(a, a)).passed()).isTrue();
    assertThat(PaneMatcher.match(List.of(), List.of()).passed()).isTrue();
  }

  @Test
  void reportShowsDifferingMissingAndUnexpectedPanes() {
    ActualPane wrongValue = pane("k", ScenarioValue.of(5L), 0, 60_000, ON_TIME);
    ActualPane extra = pane("z", ScenarioValue.of(1L), 60_000, 120_000, ON_TIME);
    List<PanePattern> expected = List.of(
        pattern("{\"key\": \"k\", \"value\": 8, \"window\": [\"00:00:00\", \"00:01:00\"]}"),
        pattern("{\"key\": \"q\", \"value\": 2}"));
    List<String> lines = ScenarioReport.diff(PaneMatcher.match(expected, List.of(wrongValue, extra)));
    assertThat(String.join("\n", lines))
        .contains("differing panes")
        .contains("key \"k\", window [00:00:00, 00:01:00)")
        .contains("value: expected 8, actual 5")
        .contains("missing panes")
        .contains("{\"key\":\"q\",\"value\":2}")
        .contains("unexpected panes")
        .contains("{\"key\":\"z\",\"value\":1,\"window\":[\"00:01:00\",\"00:02:00\"],"
            + "\"timestamp\":\"00:01:59.999\",\"pane\":{\"timing\":\"ON_TIME\",\"index\":0,"
            + "\"nonSpeculativeIndex\":0,\"first\":true,\"last\":true}}");
  }
}
