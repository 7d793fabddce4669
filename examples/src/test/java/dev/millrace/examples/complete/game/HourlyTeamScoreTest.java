package dev.millrace.examples.complete.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.ParDo;
import dev.millrace.values.PCollection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Team sums in fixed windows of event time with start/stop filters. */
class HourlyTeamScoreTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private static GameEvent at(String user, String team, int score, Duration offset) {
    return new GameEvent(user, team, score, T0.plus(offset).toEpochMilli());
  }

  private static final List<GameEvent> EVENTS = List.of(
      at("u0_Red", "Red", 1, Duration.ZERO),                       // at the start: counts
      at("u0_Red", "Red", 5, Duration.ofMinutes(1)),
      at("u1_Red", "Red", 7, Duration.ofMinutes(29)),
      at("u0_Blue", "Blue", 4, Duration.ofMinutes(15)),
      at("u0_Red", "Red", 2, Duration.ofMinutes(30)),              // next window
      at("u1_Blue", "Blue", 9, Duration.ofMinutes(60).minusSeconds(1)),
      at("u0_Blue", "Blue", 100, Duration.ofMinutes(60)),          // at the stop: excluded
      at("u1_Red", "Red", 50, Duration.ofMinutes(-1)));            // before the start: excluded

  @Test
  void sumsPerTeamPerFixedWindowWithinStartAndStop() {
    PCollection<String> out = p.apply(Create.of(EVENTS))
        .apply(ParDo.of(new WithEventTimestamps()))
        .apply(new HourlyTeamScore.WindowedTeamScore(
            Duration.ofMinutes(30), T0, T0.plus(Duration.ofMinutes(60))))
        .apply(ParDo.of(new HourlyTeamScore.FormatTeamScoreFn()));
    PAssert.that(out).containsInAnyOrder(
        "window_start=2024-01-01T00:00:00Z, team=Red, total_score=13",
        "window_start=2024-01-01T00:00:00Z, team=Blue, total_score=4",
        "window_start=2024-01-01T00:30:00Z, team=Red, total_score=2",
        "window_start=2024-01-01T00:30:00Z, team=Blue, total_score=9");
    p.run();
  }

  @Test
  void dayWindowsWithWideFiltersKeepEveryEvent() {
    PCollection<String> out = p.apply(Create.of(EVENTS))
        .apply(ParDo.of(new WithEventTimestamps()))
        .apply(new HourlyTeamScore.WindowedTeamScore(
            Duration.ofDays(1), T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2))))
        .apply(ParDo.of(new HourlyTeamScore.FormatTeamScoreFn()));
    PAssert.that(out).containsInAnyOrder(
        "window_start=2024-01-01T00:00:00Z, team=Red, total_score=15",
        "window_start=2024-01-01T00:00:00Z, team=Blue, total_score=113",
        "window_start=2023-12-31T00:00:00Z, team=Red, total_score=50");
    p.run();
  }

  @Test
  void parsesMinutesInUtcAndExplainsBadOnes() {
    assertThat(HourlyTeamScore.parseMinute("startMin", "2024-01-01-09-30"))
        .isEqualTo(Instant.parse("2024-01-01T09:30:00Z"));
    assertThatThrownBy(() -> HourlyTeamScore.parseMinute("stopMin", "2024-01-01 09:30"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--stopMin=2024-01-01 09:30 is not a minute in the form "
            + "yyyy-MM-dd-HH-mm");
  }

  @Test
  void rejectsAStartThatIsNotBeforeTheStop() {
    assertThatThrownBy(() -> new HourlyTeamScore.WindowedTeamScore(Duration.ofMinutes(5), T0, T0))
        .hasMessageContaining("must be before the stop");
  }
}
