package dev.millrace.examples.complete.game;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch examples' {@code main} methods, end to end on the default runner. */
class BatchGameMainTest {
  @TempDir Path dir;

  private List<String> readOutput(String prefix) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.getFileName().toString().matches(
          java.util.regex.Pattern.quote(prefix) + "-\\d{5}-of-\\d{5}"))
          .sorted().toList()) {
        lines.addAll(Files.readAllLines(f));
      }
    }
    return lines;
  }

  private Path writeInput() throws IOException {
    Path input = dir.resolve("events.csv");
    Files.write(input, List.of(
        "user0_Red,Red,3,1704067200000",
        "user1_Red,Red,5,1704069000000",
        "user0_Red,Red,4,1704070800000",
        "user0_Blue,Blue,10,1704067260000",
        "garbage line"));
    return input;
  }

  @Test
  void userScoreSumsTheCsvInputAndWritesMalformedLinesAside() throws IOException {
    UserScore.main(new String[] {
        "--input=" + writeInput(), "--output=" + dir.resolve("users")});
    assertThat(readOutput("users"))
        .containsExactlyInAnyOrder("user0_Red: 7", "user1_Red: 5", "user0_Blue: 10");
    assertThat(readOutput("users-parse-failures")).containsExactly(
        "expected 4 comma-separated fields user,team,score,timestampMillis but found 1: "
            + "garbage line");
  }

  @Test
  void hourlyTeamScoreWindowsTheCsvInput() throws IOException {
    HourlyTeamScore.main(new String[] {
        "--input=" + writeInput(), "--output=" + dir.resolve("hourly"),
        "--windowDuration=30", "--startMin=2024-01-01-00-00", "--stopMin=2024-01-01-01-00"});
    // 00:00 Red 3, Blue 10 (00:01); 00:30 Red 5; 01:00 is the (exclusive) stop.
    assertThat(readOutput("hourly")).containsExactlyInAnyOrder(
        "window_start=2024-01-01T00:00:00Z, team=Red, total_score=3",
        "window_start=2024-01-01T00:00:00Z, team=Blue, total_score=10",
        "window_start=2024-01-01T00:30:00Z, team=Red, total_score=5");
  }

  @Test
  void userScoreOnSyntheticEventsMatchesTheGeneratorsTotals() throws IOException {
    UserScore.main(new String[] {
        "--numEvents=500", "--seed=3", "--output=" + dir.resolve("synthetic")});
    java.util.Map<String, Integer> expected = new java.util.TreeMap<>();
    for (GameEvent e : GameEventGenerator.withSeed(3).withEvents(500).withTeams(5, 8)
        .withRobots(2).generate()) {
      expected.merge(e.user(), e.score(), Integer::sum);
    }
    assertThat(readOutput("synthetic")).containsExactlyInAnyOrderElementsOf(
        expected.entrySet().stream().map(en -> en.getKey() + ": " + en.getValue()).toList());
  }
}
