package dev.millrace.examples.complete.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.sources.BoundedReader;
import dev.millrace.testing.TestStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The synthetic event generator: deterministic, with teams, robots and delayed events. */
class GameEventGeneratorTest {
  private final GameEventGenerator gen = GameEventGenerator.withSeed(7).withEvents(2_000);

  @Test
  void sameSettingsGiveSameEvents() {
    assertThat(GameEventGenerator.withSeed(7).withEvents(2_000).generate())
        .isEqualTo(gen.generate());
  }

  @Test
  void anotherSeedGivesOtherEvents() {
    assertThat(GameEventGenerator.withSeed(8).withEvents(2_000).generate())
        .isNotEqualTo(gen.generate());
  }

  @Test
  void rangesAreSlicesOfTheWhole() {
    List<GameEvent> all = gen.generate();
    assertThat(gen.generate(500, 700)).isEqualTo(all.subList(500, 700));
  }

  @Test
  void usersBelongToTheirTeamsAndTeamsAreDistinct() {
    Set<String> teams = new java.util.HashSet<>();
    for (GameEvent e : gen.generate()) {
      assertThat(e.user()).endsWith("_" + e.team());
      teams.add(e.team());
    }
    assertThat(teams).hasSize(5);
    assertThat(GameEventGenerator.teamName(0)).isNotEqualTo(GameEventGenerator.teamName(10));
  }

  @Test
  void robotsScoreFarMoreThanHumans() {
    List<GameEvent> robots = gen.generate().stream()
        .filter(e -> GameEventGenerator.isRobot(e.user())).toList();
    List<GameEvent> humans = gen.generate().stream()
        .filter(e -> !GameEventGenerator.isRobot(e.user())).toList();
    assertThat(robots).isNotEmpty();
    assertThat(robots).allSatisfy(e -> assertThat(e.score())
        .isBetween(GameEventGenerator.ROBOT_MIN_SCORE, GameEventGenerator.ROBOT_MAX_SCORE));
    assertThat(humans).allSatisfy(e -> assertThat(e.score())
        .isBetween(GameEventGenerator.HUMAN_MIN_SCORE, GameEventGenerator.HUMAN_MAX_SCORE));
    assertThat(robots.stream().map(GameEvent::user).collect(Collectors.toSet())).hasSize(2);
    assertThat(gen.withRobots(0).generate())
        .noneMatch(e -> GameEventGenerator.isRobot(e.user()));
  }

  @Test
  void someEventsAreDelayedByAtMostTheMaximumAndTheRestAreOnTime() {
    List<GameEvent> events = gen.generate();
    long maxDelay = gen.maxDelayMillis();
    int delayed = 0;
    for (int i = 0; i < events.size(); i++) {
      long delay = gen.arrivalMillis(i) - events.get(i).timestampMillis();
      assertThat(delay).isBetween(0L, maxDelay);
      if (delay > 0) {
        delayed++;
      }
    }
    // 10% of 2,000 expected; a generous band that a broken generator would leave.
    assertThat(delayed).isBetween(120, 280);
    assertThat(gen.withDelays(0, Duration.ofMinutes(5)).generate())
        .allSatisfy(e -> assertThat(e.timestampMillis()).isGreaterThanOrEqualTo(gen.startMillis()));
  }

  @Test
  void arrivalsSpreadEvenlyOverTheSpan() {
    assertThat(gen.arrivalMillis(0)).isEqualTo(GameEventGenerator.DEFAULT_START_MILLIS);
    assertThat(gen.arrivalMillis(1_000))
        .isEqualTo(GameEventGenerator.DEFAULT_START_MILLIS + Duration.ofHours(1).toMillis());
  }

  @Test
  void boundedSourceSplitsReadExactlyTheEventsWithEventTimestamps() throws Exception {
    GameEventSource source = gen.asBoundedSource();
    List<GameEventSource> parts = source.split(
        300 * GameEventSource.BYTES_PER_EVENT, PipelineOptionsFactory.create());
    assertThat(parts).hasSize(7);
    List<GameEvent> read = new ArrayList<>();
    for (GameEventSource part : parts) {
      try (BoundedReader<GameEvent> r = part.createReader(PipelineOptionsFactory.create())) {
        for (boolean more = r.start(); more; more = r.advance()) {
          assertThat(r.getCurrentTimestamp()).isEqualTo(r.getCurrent().timestamp());
          read.add(r.getCurrent());
        }
      }
    }
    assertThat(read).isEqualTo(gen.generate());
  }

  @Test
  void testStreamReplaysEveryEventWithAWatermarkThatNeverGoesBack() {
    TestStream<GameEvent> stream = gen.withEvents(100).asTestStream(Duration.ofMinutes(2), 10);
    int elements = 0;
    long watermark = Long.MIN_VALUE;
    for (TestStream.Event<GameEvent> e : stream.getEvents()) {
      if (e instanceof TestStream.ElementEvent<GameEvent> el) {
        elements += stream.decode(el).size();
      } else if (e instanceof TestStream.WatermarkEvent<GameEvent> w) {
        assertThat(w.watermark()).isGreaterThan(watermark);
        watermark = w.watermark();
      }
    }
    assertThat(elements).isEqualTo(100);
    assertThat(watermark).isEqualTo(dev.millrace.windowing.Timestamps.MAX);
    assertThat(stream.getStartProcessingTime()).isEqualTo(gen.startMillis());
  }

  @Test
  void rejectsBadSettingsSayingWhich() {
    assertThatThrownBy(() -> gen.withTeams(0, 3))
        .hasMessageContaining("teams must be at least 1");
    assertThatThrownBy(() -> gen.withDelays(1.5, Duration.ofMinutes(1)))
        .hasMessageContaining("lateFraction must be in 0..1");
    assertThatThrownBy(() -> gen.arrivingOver(Instant.EPOCH, Duration.ofMinutes(-1)))
        .hasMessageContaining("span must not be negative");
  }
}
