package dev.millrace.examples.complete.game;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** The gaming examples' flags: defaults, parsing and required options. */
class GameOptionsTest {

  @Test
  void gameStatsOptionsHaveTheirDefaultsAndInheritLeaderBoardsAndTheSourcesFlags() {
    GameStats.Options o = PipelineOptionsFactory.fromArgs("--sessionGap=7", "--scoreWeight=3.5",
        "--earlyFiringMinutes=2", "--seed=9").withValidation().as(GameStats.Options.class);
    assertThat(o.getSessionGap()).isEqualTo(7);
    assertThat(o.getScoreWeight()).isEqualTo(3.5);
    assertThat(o.getEarlyFiringMinutes()).isEqualTo(2);
    assertThat(o.getSeed()).isEqualTo(9);
    assertThat(o.getFixedWindowDuration()).isEqualTo(60);
    assertThat(o.getUserActivityWindowDuration()).isEqualTo(30);
    assertThat(o.getTeamWindowDuration()).isEqualTo(60);
    assertThat(o.getAllowedLateness()).isEqualTo(120);
    assertThat(o.getUserFiringMinutes()).isEqualTo(10);
    assertThat(o.getNumEvents()).isEqualTo(10_000);
  }

  @Test
  void hourlyTeamScoreDefaultsCoverAllTime() {
    HourlyTeamScore.Options o = PipelineOptionsFactory.fromArgs("--output=/tmp/x")
        .withValidation().as(HourlyTeamScore.Options.class);
    assertThat(o.getWindowDuration()).isEqualTo(60);
    assertThat(HourlyTeamScore.parseMinute("startMin", o.getStartMin()))
        .isBefore(java.time.Instant.parse("2000-01-01T00:00:00Z"));
    assertThat(HourlyTeamScore.parseMinute("stopMin", o.getStopMin()))
        .isAfter(java.time.Instant.parse("2099-01-01T00:00:00Z"));
    assertThat(o.getInput()).isEmpty();
  }

  @Test
  void userScoreRequiresAnOutput() {
    assertThatThrownBy(() -> PipelineOptionsFactory.fromArgs("--seed=1").withValidation()
            .as(UserScore.Options.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("output");
  }

  @Test
  void theGeneratorFollowsTheSourceFlags() {
    GameSourceOptions o = PipelineOptionsFactory.fromArgs("--seed=5", "--numEvents=30",
        "--numTeams=3", "--numRobots=0").as(GameSourceOptions.class);
    GameEventGenerator g = GameSourceOptions.generator(o);
    assertThat(g.seed()).isEqualTo(5);
    assertThat(g.events()).isEqualTo(30);
    assertThat(g.teams()).isEqualTo(3);
    assertThat(g.robots()).isZero();
  }
}
