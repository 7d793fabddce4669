package dev.millrace.examples.complete.game;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.PipelineResult;
import dev.millrace.coders.RecordCoder;
import dev.millrace.metrics.MetricsFilter;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.testing.TestStream;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.ParDo;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.IntervalWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link GameStats}: spam detection through a windowed {@code View.asMap()} side input, and
 * session lengths from merging session windows.
 */
class GameStatsTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private static GameEvent at(String user, String team, int score, int minute) {
    return new GameEvent(user, team, score, T0.plus(Duration.ofMinutes(minute)).toEpochMilli());
  }

  /**
   * Window [0, 60): totals 10, 12, 8, 700, 5; mean 147, threshold 367.5: the robot is a spammer.
   * Window [60, 120): totals 20, 30, 10; mean 20, threshold 50: nobody is, the robot included.
   */
  private static final List<GameEvent> TWO_HOURS = List.of(
      at("u0_Red", "Red", 10, 1),
      at("u1_Red", "Red", 12, 2),
      at("u0_Blue", "Blue", 8, 3),
      at("robot0_Blue", "Blue", 400, 4),
      at("robot0_Blue", "Blue", 300, 4),
      at("u1_Blue", "Blue", 5, 5),
      at("robot0_Blue", "Blue", 20, 61),
      at("u0_Red", "Red", 30, 62),
      at("u0_Blue", "Blue", 10, 63));

  private static final List<String> TEAMS_WITHOUT_SPAMMERS = List.of(
      "Red@0:22:ON_TIME:0", "Blue@0:13:ON_TIME:0", "Red@60:30:ON_TIME:0", "Blue@60:30:ON_TIME:0");

  @Test
  void flagsUsersAboveTheMeanTimesTheWeightAndCountsThem() {
    PCollection<KV<String, Integer>> spammers = p
        .apply(Create.of(KV.of("a", 4), KV.of("a", 6), KV.of("b", 12), KV.of("c", 8),
            KV.of("robot", 600), KV.of("robot", 400)))
        .apply(new GameStats.CalculateSpammyUsers(2.5));
    // Totals 10, 12, 8, 1000: mean 257.5, threshold 643.75.
    PAssert.that(spammers).containsInAnyOrder(KV.of("robot", 1000));
    PipelineResult result = p.run();
    long flagged = result.metrics().queryMetrics(MetricsFilter.builder()
            .addNameFilter(MetricsFilter.MetricNameFilter.named(
                GameStats.class, GameStats.CalculateSpammyUsers.SPAMMERS))
            .build())
        .counterValue(GameStats.CalculateSpammyUsers.SPAMMERS);
    assertThat(flagged).isEqualTo(1);
  }

  @Test
  void aLowerWeightFlagsMoreUsers() {
    PCollection<KV<String, Integer>> spammers = p
        .apply(Create.of(KV.of("a", 10), KV.of("b", 20), KV.of("c", 30)))
        .apply(new GameStats.CalculateSpammyUsers(1.0));
    // Mean 20: only totals strictly above it.
    PAssert.that(spammers).containsInAnyOrder(KV.of("c", 30));
    p.run();
  }

  @Test
  void teamScoresLeaveOutSpammersOfTheSameWindowOnly() {
    PCollection<String> out = p.apply(Create.of(TWO_HOURS))
        .apply(ParDo.of(new WithEventTimestamps()))
        .apply(new GameStats.TeamScoresWithoutSpammers(Duration.ofMinutes(60), 2.5))
        .apply(ParDo.of(new PaneCaptureFn(T0)));
    PAssert.that(out).containsInAnyOrder(TEAMS_WITHOUT_SPAMMERS);
    p.run();
  }

  @Test
  void teamScoresLeaveOutSpammersOnAStream() {
    List<TimestampedValue<GameEvent>> first = new ArrayList<>();
    List<TimestampedValue<GameEvent>> second = new ArrayList<>();
    for (GameEvent e : TWO_HOURS) {
      (e.timestampMillis() < T0.plus(Duration.ofMinutes(60)).toEpochMilli() ? first : second)
          .add(TimestampedValue.of(e, e.timestamp()));
    }
    TestStream<GameEvent> events = TestStream.create(RecordCoder.of(GameEvent.class))
        .addElements(first)
        .advanceWatermarkTo(T0.plus(Duration.ofMinutes(30)))
        .addElements(second)
        .advanceWatermarkToInfinity();
    PCollection<String> out = p.apply(events)
        .apply(new GameStats.TeamScoresWithoutSpammers(Duration.ofMinutes(60), 2.5))
        .apply(ParDo.of(new PaneCaptureFn(T0)));
    PAssert.that(out).containsInAnyOrder(TEAMS_WITHOUT_SPAMMERS);
    p.run();
  }

  /**
   * Gap 5 minutes. A at 0, 3, 6 -> session [0, 11), 11 min; A at 20 -> [20, 25), 5 min;
   * B at 1 -> [1, 6), 5 min; C at 40 -> [40, 45), 5 min.
   */
  private static final List<GameEvent> SESSIONS = List.of(
      at("A", "Red", 1, 0), at("A", "Red", 1, 3), at("A", "Red", 1, 6), at("A", "Red", 1, 20),
      at("B", "Blue", 1, 1), at("C", "Blue", 1, 40));

  @Test
  void sessionLengthsSpanFirstEventToLastEventPlusTheGap() {
    PCollection<String> out = p.apply(Create.of(SESSIONS))
        .apply(ParDo.of(new WithEventTimestamps()))
        .apply(new GameStats.UserSessionLengths(Duration.ofMinutes(5)))
        .apply(ParDo.of(new SessionFormatFn()));
    PAssert.that(out).containsInAnyOrder(
        "A [2024-01-01T00:00:00Z..2024-01-01T00:11:00Z) 11 at 2024-01-01T00:10:59.999Z",
        "A [2024-01-01T00:20:00Z..2024-01-01T00:25:00Z) 5 at 2024-01-01T00:24:59.999Z",
        "B [2024-01-01T00:01:00Z..2024-01-01T00:06:00Z) 5 at 2024-01-01T00:05:59.999Z",
        "C [2024-01-01T00:40:00Z..2024-01-01T00:45:00Z) 5 at 2024-01-01T00:44:59.999Z");
    p.run();
  }

  @Test
  void averageSessionLengthPerActivityWindowCountsSessionsWhereTheyEnd() {
    PCollection<String> out = p.apply(Create.of(SESSIONS))
        .apply(ParDo.of(new WithEventTimestamps()))
        .apply(new GameStats.AverageSessionLength(Duration.ofMinutes(5), Duration.ofMinutes(30)))
        .apply(ParDo.of(new GameStats.FormatMeanFn()));
    PAssert.that(out).containsInAnyOrder(
        "window=[2024-01-01T00:00:00Z..2024-01-01T00:30:00Z) mean_session_minutes=7.00",
        "window=[2024-01-01T00:30:00Z..2024-01-01T01:00:00Z) mean_session_minutes=5.00");
    p.run();
  }

  /** Formats a session length with its window and output timestamp. */
  private static final class SessionFormatFn extends DoFn<KV<String, Integer>, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(ProcessContext c) {
      IntervalWindow w = (IntervalWindow) c.window();
      c.output(c.element().getKey() + " " + w + " " + c.element().getValue()
          + " at " + c.timestamp());
    }
  }
}
