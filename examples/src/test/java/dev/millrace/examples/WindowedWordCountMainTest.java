package dev.millrace.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link WindowedWordCount#main} end to end on the default runner. */
class WindowedWordCountMainTest {
  @TempDir Path dir;

  @Test
  void writesWindowPrefixedCountsThatAddUpAndRepeatExactly() throws IOException {
    Path input = dir.resolve("in.txt");
    List<String> text = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      text.add("line " + i + " of the sample");
    }
    Files.write(input, text);
    List<String> first = run(input, "a");
    List<String> second = run(input, "b");
    assertThat(first).isNotEmpty().containsExactlyInAnyOrderElementsOf(second);
    long lines = first.stream().filter(l -> l.endsWith(" line: " + l.replaceAll(".*: ", "")))
        .mapToLong(l -> Long.parseLong(l.replaceAll(".*: ", ""))).sum();
    assertThat(lines).isEqualTo(50);
    assertThat(first).allMatch(
        l -> l.matches("2024-01-01T0[0-2]:[0-5]0:00Z/2024-01-01T0[0-2]:[0-5]0:00Z \\p{L}+: \\d+"));
  }

  private List<String> run(Path input, String name) throws IOException {
    WindowedWordCount.main(new String[] {
        "--inputFile=" + input, "--output=" + dir.resolve(name), "--windowSize=10"});
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files
          .filter(f -> f.getFileName().toString().matches(name + "-\\d{5}-of-\\d{5}"))
          .toList()) {
        lines.addAll(Files.readAllLines(f));
      }
    }
    return lines;
  }
}
