package dev.millrace.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.PipelineResult;
import dev.millrace.examples.WordCount.WordCountOptions;
import dev.millrace.metrics.DistributionResult;
import dev.millrace.metrics.MetricQueryResults;
import dev.millrace.metrics.MetricResult;
import dev.millrace.options.PipelineOptionsFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WordCount end to end on the direct runner, and its flags. */
class WordCountTest {
  @TempDir Path dir;

  private static final List<String> LINES = List.of(
      "The quick brown fox -- jumps over the lazy dog.",
      "",
      "   ",
      "THE END? the end! O'Brien's fox, the fox;",
      "Grüße aus Köln: naïve café, Straße straße 123 x2y",
      "日本語 テキスト and ελληνικά, ελληνικά",
      "tabs\tand\r\nwindows line");

  /** Word counts computed with a plain loop over code points: runs of letters are words. */
  private static Map<String, Long> expectedCounts(List<String> lines) {
    Map<String, Long> counts = new TreeMap<>();
    for (String line : lines) {
      for (String physical : line.split("\r\n|\n|\r", -1)) {
        StringBuilder word = new StringBuilder();
        physical.codePoints().forEach(cp -> {
          if (Character.isLetter(cp)) {
            word.appendCodePoint(cp);
          } else {
            flush(word, counts);
          }
        });
        flush(word, counts);
      }
    }
    return counts;
  }

  private static void flush(StringBuilder word, Map<String, Long> counts) {
    if (word.length() > 0) {
      counts.merge(word.toString(), 1L, Long::sum);
      word.setLength(0);
    }
  }

  private List<String> outputLines(Path prefixDir, String prefix) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(prefixDir)) {
      for (Path f : files.filter(f -> f.getFileName().toString()
          .matches(prefix + "-\\d{5}-of-\\d{5}")).toList()) {
        lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
      }
    }
    return lines;
  }

  @Test
  void countsEveryWordAcrossAllShards() throws IOException {
    Path input = dir.resolve("input.txt");
    Files.writeString(input, String.join("\n", LINES) + "\n", StandardCharsets.UTF_8);
    Path outDir = dir.resolve("out");
    WordCountOptions options = PipelineOptionsFactory
        .fromArgs("--inputFile=" + input, "--output=" + outDir.resolve("counts"))
        .withValidation()
        .as(WordCountOptions.class);

    PipelineResult result = WordCount.runWordCount(options);

    List<String> expected = new ArrayList<>();
    expectedCounts(LINES).forEach((w, n) -> expected.add(w + ": " + n));
    assertThat(expected).contains("the: 3", "fox: 3", "THE: 1", "ελληνικά: 2", "日本語: 1");
    assertThat(outputLines(outDir, "counts")).containsExactlyInAnyOrderElementsOf(expected);

    MetricQueryResults metrics = result.metrics().allMetrics();
    assertThat(metrics.counterValue("emptyLines")).isEqualTo(2);
    DistributionResult lineLengths = metrics.distributions().stream()
        .filter(r -> r.getName().name().equals("lineLenDistro"))
        .map(MetricResult::attempted)
        .reduce(DistributionResult.EMPTY, DistributionResult::combine);
    assertThat(lineLengths.count()).isEqualTo(8);
  }

  @Test
  void aMissingOutputFlagIsRejectedNamingIt() {
    assertThatThrownBy(() -> PipelineOptionsFactory.fromArgs("--inputFile=in.txt")
        .withValidation().as(WordCountOptions.class))
        .hasMessageContaining("--output");
  }

  @Test
  void theInputDefaultsToTheShippedSample() {
    WordCountOptions options =
        PipelineOptionsFactory.fromArgs("--output=x").as(WordCountOptions.class);
    assertThat(options.getInputFile()).isEqualTo(WordCount.SAMPLE_TEXT);
    // Tests run in the module directory; the path is relative to the repository root.
    assertThat(Path.of("..").resolve(WordCount.SAMPLE_TEXT)).isRegularFile();
  }
}
