package dev.millrace.examples.complete.game;

import dev.millrace.coders.RecordCoder;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.testing.TestStream;
import dev.millrace.transforms.ParDo;
import dev.millrace.values.PCollection;
import dev.millrace.values.TimestampedValue;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link LeaderBoard} on scripted streams: which panes fire (EARLY, ON_TIME, LATE), what each
 * holds (accumulating), and what is dropped as too late. Team windows are 20 minutes, allowed
 * lateness 1 hour, early firings 5 minutes of processing time after a pane's first element.
 * Every expectation lists all panes, so an extra or missing firing fails the test.
 */
class LeaderBoardTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final Duration TEAM_WINDOW = Duration.ofMinutes(20);
  private static final Duration ALLOWED_LATENESS = Duration.ofHours(1);
  private static final Duration EARLY_FIRING = Duration.ofMinutes(5);

  private static TimestampedValue<GameEvent> event(
      String user, String team, int score, int minute) {
    Instant t = T0.plus(Duration.ofMinutes(minute));
    return TimestampedValue.of(new GameEvent(user, team, score, t.toEpochMilli()), t);
  }

  private static TestStream<GameEvent> stream() {
    return TestStream.create(RecordCoder.of(GameEvent.class)).withStartProcessingTime(T0);
  }

  private PCollection<String> teamPanes(TestStream<GameEvent> events) {
    return p.apply(events)
        .apply(new LeaderBoard.CalculateTeamScores(TEAM_WINDOW, ALLOWED_LATENESS, EARLY_FIRING))
        .apply(ParDo.of(new PaneCaptureFn(T0)));
  }

  private static Instant minute(int m) {
    return T0.plus(Duration.ofMinutes(m));
  }

  @Test
  void withoutProcessingTimeOnlyTheOnTimePaneFires() {
    TestStream<GameEvent> events = stream()
        .addElements(event("u1_Red", "Red", 3, 1), event("u1_Blue", "Blue", 2, 3),
            event("u2_Red", "Red", 4, 5))
        .advanceWatermarkTo(minute(21))
        .advanceWatermarkToInfinity();
    PAssert.that(teamPanes(events)).containsInAnyOrder(
        "Red@0:7:ON_TIME:0", "Blue@0:2:ON_TIME:0");
    p.run();
  }

  @Test
  void earlyPanesFireAfterTheDelayAndAccumulateIntoTheOnTimePane() {
    TestStream<GameEvent> events = stream()
        .addElements(event("u1_Red", "Red", 3, 1), event("u1_Blue", "Blue", 2, 2))
        .advanceProcessingTime(Duration.ofMinutes(6))
        .addElements(event("u2_Red", "Red", 4, 10))
        .advanceProcessingTime(Duration.ofMinutes(6))
        .advanceWatermarkTo(minute(25))
        .advanceWatermarkToInfinity();
    PAssert.that(teamPanes(events)).containsInAnyOrder(
        "Red@0:3:EARLY:0", "Blue@0:2:EARLY:0",
        "Red@0:7:EARLY:1",
        "Red@0:7:ON_TIME:2", "Blue@0:2:ON_TIME:1");
    p.run();
  }

  @Test
  void noEarlyPaneBeforeTheDelayHasPassed() {
    TestStream<GameEvent> events = stream()
        .addElements(event("u1_Red", "Red", 3, 1))
        .advanceProcessingTime(Duration.ofMinutes(4))
        .addElements(event("u2_Red", "Red", 4, 2))
        .advanceWatermarkTo(minute(20))
        .advanceWatermarkToInfinity();
    PAssert.that(teamPanes(events)).containsInAnyOrder("Red@0:7:ON_TIME:0");
    p.run();
  }

  @Test
  void lateDataFiresALatePanePerElementUntilTheAllowedLatenessEnds() {
    TestStream<GameEvent> events = stream()
        .addElements(event("u1_Red", "Red", 3, 1), event("u1_Blue", "Blue", 2, 2))
        .advanceWatermarkTo(minute(25))
        // Late but within the allowed lateness: each element fires a LATE pane at once.
        .addElements(event("u2_Red", "Red", 5, 5))
        .addElements(event("u3_Red", "Red", 1, 19))
        // Past the end of the window plus the allowed lateness (minute 80): dropped.
        .advanceWatermarkTo(minute(90))
        .addElements(event("u4_Red", "Red", 100, 6), event("u2_Blue", "Blue", 1, 85))
        .advanceWatermarkToInfinity();
    PAssert.that(teamPanes(events)).containsInAnyOrder(
        "Red@0:3:ON_TIME:0", "Blue@0:2:ON_TIME:0",
        "Red@0:8:LATE:1",
        "Red@0:9:LATE:2",
        "Blue@80:1:ON_TIME:0");
    p.run();
  }

  @Test
  void userScoresRefreshInTheGlobalWindowAfterTheProcessingTimeDelay() {
    TestStream<GameEvent> events = stream()
        .addElements(event("u1_Red", "Red", 3, 1), event("u1_Blue", "Blue", 2, 2))
        .advanceProcessingTime(Duration.ofMinutes(11))
        .addElements(event("u1_Red", "Red", 4, 30), event("u2_Red", "Red", 1, 31))
        .advanceProcessingTime(Duration.ofMinutes(11))
        .advanceWatermarkToInfinity();
    PCollection<String> panes = p.apply(events)
        .apply(new LeaderBoard.CalculateUserScores(Duration.ofMinutes(10), ALLOWED_LATENESS))
        .apply(ParDo.of(new PaneCaptureFn(T0)));
    // Early panes as processing time passes; at the end of input the global window's on-time pane
    // fires too (onTimeBehavior FIRE_ALWAYS), repeating each user's accumulated total.
    PAssert.that(panes).containsInAnyOrder(
        "u1_Red@G:3:EARLY:0", "u1_Blue@G:2:EARLY:0",
        "u1_Red@G:7:EARLY:1", "u2_Red@G:1:EARLY:0",
        "u1_Red@G:7:ON_TIME:2", "u1_Blue@G:2:ON_TIME:1", "u2_Red@G:1:ON_TIME:1");
    p.run();
  }
}
