package dev.millrace.io.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.io.Compression;
import dev.millrace.sources.BoundedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Splitting an uncompressed file into byte ranges of any size reads every line exactly once, in
 * order, whatever the line terminators.
 */
class TextRangeSplitTest {
  @TempDir Path dir;

  static Stream<Arguments> contents() {
    String longLine = "x".repeat(70_000) + "é";
    return Stream.of(
        Arguments.of("lf with trailing newline", "alpha\nbeta\ngamma\n"),
        Arguments.of("lf without trailing newline", "alpha\nbeta\ngamma"),
        Arguments.of("crlf with trailing newline", "alpha\r\nbeta\r\ngamma\r\n"),
        Arguments.of("crlf without trailing newline", "alpha\r\nbeta\r\ngamma"),
        Arguments.of("lone cr", "alpha\rbeta\rgamma\r"),
        Arguments.of("mixed terminators", "a\r\n\r\nb\n\nc\r\rd\n\re"),
        Arguments.of("empty lines only", "\n\n\n"),
        Arguments.of("crlf empty lines", "\r\n\r\n"),
        Arguments.of("single line no terminator", "just one line"),
        Arguments.of("single character", "x"),
        Arguments.of("single newline", "\n"),
        Arguments.of("empty file", ""),
        Arguments.of("multi-byte utf-8", "Grüße\nñandú 日本語\r\nπ≈3.14\n😀 emoji\n"),
        Arguments.of("line longer than the buffer", "short\n" + longLine + "\nafter\n" + longLine),
        Arguments.of("generated", generated()));
  }

  private static String generated() {
    StringBuilder sb = new StringBuilder();
    String[] terminators = {"\n", "\r\n", "\r"};
    for (int i = 0; i < 300; i++) {
      sb.append("line ").append(i).append(" ".repeat(i % 7)).append("ü".repeat(i % 3));
      sb.append(terminators[(i * 7) % 3]);
      if (i % 17 == 0) {
        sb.append(terminators[i % 3]);
      }
    }
    return sb.toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("contents")
  void everyLineIsReadExactlyOnceForEverySplitSize(String name, String content) throws Exception {
    Path file = dir.resolve("in.txt");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    long size = Files.size(file);
    List<String> expected = expectedLines(content);
    List<Long> splitSizes = new ArrayList<>();
    for (long s = 1; size <= 5000 && s <= Math.min(size + 1, 40); s++) {
      splitSizes.add(s);
    }
    splitSizes.addAll(List.of(64L, 100L, 1000L, 4096L, 65_536L, 65_537L, size, size + 1, Long.MAX_VALUE));
    for (long splitSize : splitSizes) {
      List<TextRangeSource> parts = TextRangeSource.forFile(file, Compression.AUTO, splitSize);
      assertContiguous(parts, size);
      List<String> actual = new ArrayList<>();
      for (TextRangeSource part : parts) {
        actual.addAll(readAll(part));
      }
      assertThat(actual).as("lines read with split size %d", splitSize).isEqualTo(expected);
    }
  }

  private static void assertContiguous(List<TextRangeSource> parts, long size) {
    long next = 0;
    for (TextRangeSource part : parts) {
      assertThat(part.getStart()).isEqualTo(next);
      next = part.getEnd();
    }
    assertThat(next).isEqualTo(size);
  }

  static List<String> readAll(dev.millrace.sources.BoundedSource<String> source)
      throws IOException {
    List<String> lines = new ArrayList<>();
    try (BoundedReader<String> r = source.createReader(null)) {
      for (boolean more = r.start(); more; more = r.advance()) {
        lines.add(r.getCurrent());
      }
    }
    return lines;
  }

  /** The lines of {@code s}, computed independently with a plain character loop. */
  static List<String> expectedLines(String s) {
    List<String> lines = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\n' || c == '\r') {
        lines.add(cur.toString());
        cur.setLength(0);
        i += (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') ? 2 : 1;
      } else {
        cur.append(c);
        i++;
      }
    }
    if (cur.length() > 0) {
      lines.add(cur.toString());
    }
    return lines;
  }
}
