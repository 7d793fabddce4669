package dev.millrace.io.internal;

import static dev.millrace.io.internal.TextRangeSplitTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.io.Compression;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pattern-level text source: validation, splitting across files, gzip. */
class TextSourceTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private Path writeGzip(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
    return p;
  }

  private static List<String> readSplits(TextSource source, long bundleSize) throws Exception {
    List<String> lines = new ArrayList<>();
    for (TextRangeSource part : source.split(bundleSize, null)) {
      lines.addAll(readAll(part));
    }
    return lines;
  }

  @Test
  void validateRejectsAPatternMatchingNothingNamingIt() {
    TextSource source = new TextSource(dir + "/nothing-*.txt", Compression.AUTO);
    assertThatThrownBy(source::validate)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No files match '" + dir + "/nothing-*.txt'");
  }

  @Test
  void validateRejectsARelativePatternMentioningTheWorkingDirectory() {
    TextSource source = new TextSource("no-such-dir/*.txt", Compression.AUTO);
    assertThatThrownBy(source::validate)
        .hasMessageContaining("No files match 'no-such-dir/*.txt' (resolved against "
            + Path.of("").toAbsolutePath() + ")");
  }

  @Test
  void readsEveryMatchingFileWhetherSplitOrNot() throws Exception {
    write("a.txt", "a1\na2\n");
    write("b.txt", "b1\r\nb2");
    write("empty.txt", "");
    write("c.csv", "not me\n");
    TextSource source = new TextSource(dir + "/*.txt", Compression.AUTO);
    source.validate();
    assertThat(readSplits(source, 3)).containsExactly("a1", "a2", "b1", "b2");
    assertThat(readSplits(source, Long.MAX_VALUE)).containsExactly("a1", "a2", "b1", "b2");
    assertThat(readAll(source)).containsExactly("a1", "a2", "b1", "b2");
    assertThat(source.getEstimatedSizeBytes(null)).isEqualTo(6 + 6);
  }

  @Test
  void splitsUncompressedFilesIntoRangesOfTheDesiredSize() throws Exception {
    write("big.txt", "0123456789\n".repeat(100));
    List<TextRangeSource> parts = new TextSource(dir + "/big.txt", Compression.AUTO).split(250, null);
    assertThat(parts).hasSize(5);
    assertThat(parts).allMatch(p -> p.getEnd() - p.getStart() <= 250);
  }

  @Test
  void onlyEmptyFilesGiveOneEmptySplit() throws Exception {
    write("empty.txt", "");
    TextSource source = new TextSource(dir + "/empty.txt", Compression.AUTO);
    assertThat(source.split(10, null)).hasSize(1);
    assertThat(readSplits(source, 10)).isEmpty();
  }

  @Test
  void gzipFilesAreDecompressedByExtensionAndNeverSplit() throws Exception {
    String content = "first\nzweite Zeile ü\r\nthird".repeat(1) + "\n" + "more\n".repeat(1000);
    writeGzip("data.txt.gz", content);
    TextSource source = new TextSource(dir + "/*.gz", Compression.AUTO);
    List<TextRangeSource> parts = source.split(10, null);
    assertThat(parts).hasSize(1);
    List<String> lines = readSplits(source, 10);
    assertThat(lines).isEqualTo(TextRangeSplitTest.expectedLines(content));
    assertThat(lines.subList(0, 3)).containsExactly("first", "zweite Zeile ü", "third");
  }

  @Test
  void explicitGzipReadsFilesWithoutTheExtension() throws Exception {
    writeGzip("compressed.data", "x\ny\n");
    assertThat(readSplits(new TextSource(dir + "/compressed.data", Compression.GZIP), 1))
        .containsExactly("x", "y");
  }

  @Test
  void explicitUncompressedReadsAGzFileAsPlainText() throws Exception {
    write("plain.gz", "not\ncompressed\n");
    assertThat(readSplits(new TextSource(dir + "/plain.gz", Compression.UNCOMPRESSED), 4))
        .containsExactly("not", "compressed");
  }

  @Test
  void aFileThatIsNotGzipFailsWithAHint() throws Exception {
    write("fake.txt.gz", "plain text\n");
    TextSource source = new TextSource(dir + "/fake.txt.gz", Compression.AUTO);
    assertThatThrownBy(() -> readSplits(source, 100))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("fake.txt.gz")
        .hasMessageContaining("Compression.UNCOMPRESSED");
  }

  @Test
  void concatenatedGzipMembersAreAllRead() throws Exception {
    Path p = dir.resolve("multi.gz");
    try (OutputStream out = Files.newOutputStream(p)) {
      for (String part : List.of("one\ntwo\n", "three\n")) {
        java.io.ByteArrayOutputStream member = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(member)) {
          gz.write(part.getBytes(StandardCharsets.UTF_8));
        }
        out.write(member.toByteArray());
      }
    }
    assertThat(readSplits(new TextSource(p.toString(), Compression.AUTO), 1))
        .containsExactly("one", "two", "three");
  }
}
