package dev.millrace.io.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which files a pattern matches. */
class FilePatternsTest {
  @TempDir static Path root;

  @BeforeEach
  void createTree() throws IOException {
    for (String f : List.of("a.txt", "b.txt", "c.csv", "ab.txt", "sub/d.txt", "sub/deep/e.txt",
        "other/f.txt", "x1.log", "x2.log", "x10.log")) {
      Path p = root.resolve(f);
      Files.createDirectories(p.getParent());
      if (!Files.exists(p)) {
        Files.writeString(p, f);
      }
    }
  }

  static Stream<Arguments> patterns() {
    return Stream.of(
        Arguments.of("a.txt", List.of("a.txt")),
        Arguments.of("*.txt", List.of("a.txt", "ab.txt", "b.txt")),
        Arguments.of("?.txt", List.of("a.txt", "b.txt")),
        Arguments.of("x?.log", List.of("x1.log", "x2.log")),
        Arguments.of("x*.log", List.of("x1.log", "x10.log", "x2.log")),
        Arguments.of("{a,c}.*", List.of("a.txt", "c.csv")),
        Arguments.of("*", List.of("a.txt", "ab.txt", "b.txt", "c.csv", "x1.log", "x10.log", "x2.log")),
        Arguments.of("sub/*.txt", List.of("sub/d.txt")),
        Arguments.of("*/d.txt", List.of("sub/d.txt")),
        Arguments.of("**/*.txt", List.of("a.txt", "ab.txt", "b.txt", "other/f.txt", "sub/d.txt",
            "sub/deep/e.txt")),
        Arguments.of("sub/**", List.of("sub/d.txt", "sub/deep/e.txt")),
        Arguments.of("sub/**/e.txt", List.of("sub/deep/e.txt")),
        Arguments.of("[ab].txt", List.of("a.txt", "b.txt")),
        Arguments.of("*.json", List.of()),
        Arguments.of("missing.txt", List.of()),
        Arguments.of("nodir/*.txt", List.of()),
        Arguments.of("sub", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("patterns")
  void matchesTheExpectedFilesSorted(String pattern, List<String> expected) {
    List<Path> matched = FilePatterns.match(root + "/" + pattern);
    assertThat(matched.stream().map(p -> root.relativize(p).toString()).toList())
        .isEqualTo(expected);
    assertThat(matched).allMatch(Path::isAbsolute);
  }

  @Test
  void relativePatternsResolveAgainstTheWorkingDirectory() {
    Path cwd = Path.of("").toAbsolutePath();
    Path rel = cwd.relativize(root.resolve("a.txt"));
    assertThat(FilePatterns.match(rel.toString())).containsExactly(root.resolve("a.txt"));
  }

  @Test
  void noMatchMessageNamesThePatternAndTheWorkingDirectory() {
    assertThat(FilePatterns.noMatchMessage("data/*.txt"))
        .startsWith("No files match 'data/*.txt' (resolved against "
            + Path.of("").toAbsolutePath() + ")");
    assertThat(FilePatterns.noMatchMessage("/abs/*.txt"))
        .startsWith("No files match '/abs/*.txt'.")
        .doesNotContain("resolved against");
  }
}
