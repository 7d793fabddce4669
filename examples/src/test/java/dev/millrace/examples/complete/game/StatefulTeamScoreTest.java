package dev.millrace.examples.complete.game;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.coders.RecordCoder;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.testing.TestStream;
import dev.millrace.values.KV;
import dev.millrace.values.TimestampedValue;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link StatefulTeamScore}: a team's total is emitted exactly when it crosses a multiple of the
 * threshold (once per event), teams are independent, and totals persist across bundles.
 */
class StatefulTeamScoreTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private static TimestampedValue<GameEvent> event(String team, int score, int minute) {
    Instant t = T0.plus(Duration.ofMinutes(minute));
    return TimestampedValue.of(new GameEvent("u_" + team, team, score, t.toEpochMilli()), t);
  }

  @Test
  void emitsTheTotalWhenItCrossesAMultipleOfTheThreshold() {
    TestStream<GameEvent> events = TestStream.create(RecordCoder.of(GameEvent.class))
        .addElements(event("Red", 3, 1))
        .addElements(event("Red", 4, 2), event("Blue", 6, 2))
        .advanceWatermarkTo(T0.plus(Duration.ofMinutes(3)))
        .addElements(event("Red", 2, 4))
        .addElements(event("Red", 1, 5))
        .addElements(event("Red", 12, 6), event("Blue", 3, 6))
        .advanceWatermarkToInfinity();
    PAssert.that(p.apply(events).apply(new StatefulTeamScore.TeamScoreCrossings(5)))
        .containsInAnyOrder(KV.of("Red", 7), KV.of("Blue", 6), KV.of("Red", 10), KV.of("Red", 22));
    p.run();
  }

  @Test
  void thresholdMustBePositive() {
    assertThatThrownBy(() -> new StatefulTeamScore.TeamScoreCrossings(0))
        .hasMessageContaining("threshold score must be positive");
  }
}
