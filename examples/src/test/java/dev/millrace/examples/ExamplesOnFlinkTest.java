package dev.millrace.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.examples.complete.game.GameStats;
import dev.millrace.examples.complete.game.LeaderBoard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The examples run unchanged with {@code --runner=flink} (a local Flink MiniCluster, parallelism
 * 2 so shuffles are real) and give exactly the output of the direct runner for the same input:
 * WordCount and WindowedWordCount (text files), LeaderBoard and GameStats (panes printed to
 * standard output).
 */
@Isolated
class ExamplesOnFlinkTest {
  private static final String FLINK = "--runner=flink";
  private static final String DIRECT = "--runner=direct";
  private static final String[] GAME_STATS =
      {"--numEvents=400", "--seed=11", "--fixedWindowDuration=30"};
  @TempDir Path dir;

  private Path input() throws IOException {
    List<String> lines = new ArrayList<>();
    String[] words = {"river", "mill", "race", "wheel", "water", "stone", "grain", "flour"};
    for (int i = 0; i < 300; i++) {
      lines.add(words[i % 8] + " " + words[(i * 7 + 3) % 8] + " " + words[(i * i) % 8] + " " + i);
    }
    return Files.write(dir.resolve("input.txt"), lines);
  }

  @Test
  void wordCountOnFlinkEqualsTheDirectRunner() throws IOException {
    Path in = input();
    List<String> flink = runToFiles("wc-flink", out -> WordCount.main(new String[] {
        FLINK, "--parallelism=2", "--inputFile=" + in, "--output=" + out}));
    List<String> direct = runToFiles("wc-direct", out -> WordCount.main(new String[] {
        DIRECT, "--inputFile=" + in, "--output=" + out}));
    assertThat(flink).hasSize(8).containsExactlyInAnyOrderElementsOf(direct);
  }

  @Test
  void windowedWordCountOnFlinkEqualsTheDirectRunner() throws IOException {
    Path in = input();
    List<String> flink = runToFiles("wwc-flink", out -> WindowedWordCount.main(new String[] {
        FLINK, "--parallelism=2", "--inputFile=" + in, "--output=" + out, "--windowSize=10"}));
    List<String> direct = runToFiles("wwc-direct", out -> WindowedWordCount.main(new String[] {
        DIRECT, "--inputFile=" + in, "--output=" + out, "--windowSize=10"}));
    assertThat(flink).hasSizeGreaterThan(50).containsExactlyInAnyOrderElementsOf(direct);
  }

  @Test
  void leaderBoardOnFlinkPrintsThePanesOfTheDirectRunner() {
    String[] args = {"--numEvents=400", "--seed=11", "--teamWindowDuration=20",
        "--earlyFiringMinutes=5"};
    List<String> flink = stdout(() -> LeaderBoard.main(with(args, FLINK, "--parallelism=2")));
    List<String> direct = stdout(() -> LeaderBoard.main(with(args, DIRECT)));
    assertThat(flink).anyMatch(l -> l.contains("timing=EARLY"))
        .anyMatch(l -> l.contains("timing=LATE"))
        .containsExactlyInAnyOrderElementsOf(direct);
  }

  /**
   * GameStats: team scores (a ParDo with a windowed side input computed from the same stream,
   * then a sum per team with no allowed lateness, so which late events are dropped depends on
   * when the side input becomes ready) and mean session lengths, all lines exactly as on the
   * direct runner, with one task per operator and with real shuffles.
   */
  @ParameterizedTest(name = "parallelism {0}")
  @ValueSource(ints = {1, 2})
  void gameStatsOnFlinkPrintsTheLinesOfTheDirectRunner(int parallelism) {
    List<String> flink = stdout(() -> GameStats.main(
        with(GAME_STATS, FLINK, "--parallelism=" + parallelism)));
    List<String> direct = stdout(() -> GameStats.main(with(GAME_STATS, DIRECT)));
    assertThat(flink).anyMatch(l -> l.startsWith("team="))
        .anyMatch(l -> l.contains("mean_session_minutes="))
        .containsExactlyInAnyOrderElementsOf(direct);
  }

  private static String[] with(String[] args, String... more) {
    return Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
  }

  /** Runs {@code main} with an output prefix and returns the lines of every file it wrote. */
  private List<String> runToFiles(String name, Consumer<Path> main) throws IOException {
    main.accept(dir.resolve(name));
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.getFileName().toString()
          .matches(name + "-\\d{5}-of-\\d{5}")).sorted().toList()) {
        lines.addAll(Files.readAllLines(f));
      }
    }
    assertThat(lines).as("lines written by " + name).isNotEmpty();
    return lines;
  }

  private static List<String> stdout(Runnable main) {
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
}
