package dev.millrace.examples.complete.game;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.PipelineResult;
import dev.millrace.metrics.MetricsFilter;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionTuple;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Parsing with a failure output, and the per-user sums of {@link UserScore}. */
class UserScoreTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  private static final List<String> LINES = List.of(
      "user0_Red,Red,3,1704067200000",
      "user1_Red,Red,5,1704067260000",
      "user0_Red,Red,4,1704067320000",
      "user0_Blue,Blue,10,1704067200000",
      "user0_Red,Red,1,1704070800000",
      "not a game event",
      "user1_Red,Red,lots,1704067200000",
      "");

  @Test
  void parsesGoodLinesAndRoutesEveryMalformedLineToTheFailureOutput() {
    PCollectionTuple parsed = p.apply(Create.of(LINES)).apply(ParseEventFn.parse());
    PAssert.that(parsed.get(ParseEventFn.EVENTS)).containsInAnyOrder(
        new GameEvent("user0_Red", "Red", 3, 1_704_067_200_000L),
        new GameEvent("user1_Red", "Red", 5, 1_704_067_260_000L),
        new GameEvent("user0_Red", "Red", 4, 1_704_067_320_000L),
        new GameEvent("user0_Blue", "Blue", 10, 1_704_067_200_000L),
        new GameEvent("user0_Red", "Red", 1, 1_704_070_800_000L));
    PAssert.that(parsed.get(ParseEventFn.FAILURES)).containsInAnyOrder(
        new ParseFailure("not a game event",
            "expected 4 comma-separated fields user,team,score,timestampMillis but found 1"),
        new ParseFailure("user1_Red,Red,lots,1704067200000",
            "the score field is not a whole number: 'lots'"),
        new ParseFailure("",
            "expected 4 comma-separated fields user,team,score,timestampMillis but found 1"));
    PipelineResult result = p.run();
    long errors = result.metrics().queryMetrics(MetricsFilter.builder()
            .addNameFilter(MetricsFilter.MetricNameFilter.named(
                ParseEventFn.class, ParseEventFn.PARSE_ERRORS))
            .build())
        .counterValue(ParseEventFn.PARSE_ERRORS);
    assertThat(errors).isEqualTo(3);
  }

  @Test
  void sumsScoresPerUserOverAllTime() {
    PCollection<String> out = p.apply(Create.of(LINES))
        .apply(ParseEventFn.parse())
        .get(ParseEventFn.EVENTS)
        .apply(ExtractAndSumScore.perUser())
        .apply(UserScore.formatUserScores());
    // user0_Red: 3 + 4 + 1; user1_Red: 5 (its malformed line does not count); user0_Blue: 10.
    PAssert.that(out).containsInAnyOrder("user0_Red: 8", "user1_Red: 5", "user0_Blue: 10");
    p.run();
  }

  @Test
  void sumsScoresPerTeam() {
    PCollection<KV<String, Integer>> out = p.apply(Create.of(LINES))
        .apply(ParseEventFn.parse())
        .get(ParseEventFn.EVENTS)
        .apply(ExtractAndSumScore.perTeam());
    PAssert.that(out).containsInAnyOrder(KV.of("Red", 13), KV.of("Blue", 10));
    p.run();
  }
}
