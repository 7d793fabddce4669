package dev.millrace.examples.complete.game;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The streaming examples' {@code main} methods, end to end on a small replayed stream. */
@Isolated
class StreamingGameMainTest {

  private static List<String> runCapturingStdout(Runnable main) {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      main.run();
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void leaderBoardPrintsTeamPanesOfEveryTimingAndUserPanes() {
    List<String> out = runCapturingStdout(() -> LeaderBoard.main(new String[] {
        "--numEvents=400", "--seed=11", "--teamWindowDuration=20", "--earlyFiringMinutes=5"}));
    assertThat(out).anyMatch(l -> l.startsWith("team=") && l.contains("timing=EARLY"));
    assertThat(out).anyMatch(l -> l.startsWith("team=") && l.contains("timing=ON_TIME"));
    assertThat(out).anyMatch(l -> l.startsWith("team=") && l.contains("timing=LATE"));
    assertThat(out).anyMatch(l -> l.startsWith("user=") && l.contains("window=global"));
  }

  @Test
  void gameStatsPrintsTeamScoresAndMeanSessionLengths() {
    List<String> out = runCapturingStdout(() -> GameStats.main(new String[] {
        "--numEvents=400", "--seed=11", "--fixedWindowDuration=30"}));
    assertThat(out).anyMatch(l -> l.startsWith("team=") && l.contains("timing=ON_TIME"));
    assertThat(out).anyMatch(l -> l.contains("mean_session_minutes="));
    // Robots score 500+ per event, so with their events removed no 30-minute team total of
    // 400 events over 2 hours can reach the robots' scale.
    assertThat(out).filteredOn(l -> l.startsWith("team="))
        .allSatisfy(l -> assertThat(Integer.parseInt(
            l.replaceAll(".*total_score=(\\d+).*", "$1"))).isLessThan(1_000));
  }
}
