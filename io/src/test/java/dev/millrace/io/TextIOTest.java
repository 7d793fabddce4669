package dev.millrace.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.Window;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.FixedWindows;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** TextIO read and write in pipelines run by the test runner. */
class TextIOTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private List<String> outputNames(String prefix) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString())
          .filter(n -> n.startsWith(prefix)).sorted().toList();
    }
  }

  private List<String> allLines(String prefix) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String name : outputNames(prefix)) {
      lines.addAll(Files.readAllLines(dir.resolve(name)));
    }
    return lines;
  }

  private static List<String> numbered(int n) {
    return IntStream.range(0, n).mapToObj(i -> "line " + i).toList();
  }

  @Test
  void readsEveryLineOfEveryMatchingFile() throws IOException {
    write("in/a.txt", "a1\na2\n");
    write("in/b.txt", "b1\r\nb2");
    write("in/sub/c.txt", "c1\n");
    write("in/skip.csv", "nope\n");
    PCollection<String> lines = p.apply(TextIO.read().from(dir + "/in/**/*.txt"));
    PAssert.that(lines).containsInAnyOrder("a1", "a2", "b1", "b2", "c1");
    p.run();
  }

  @Test
  void readsALargeFileSplitIntoBundlesExactlyOnce() throws IOException {
    List<String> expected = numbered(50_000);
    write("big.txt", String.join("\n", expected) + "\n");
    PAssert.that(p.apply(TextIO.read().from(dir + "/big.txt"))).containsInAnyOrder(expected);
    p.run();
  }

  @Test
  void readsGzipFiles() throws IOException {
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("in.txt.gz")))) {
      out.write("zipped\nlines\n".getBytes(StandardCharsets.UTF_8));
    }
    PAssert.that(p.apply(TextIO.read().from(dir + "/*.gz"))).containsInAnyOrder("zipped", "lines");
    p.run();
  }

  @Test
  void aPatternMatchingNothingFailsWhenThePipelineIsBuilt() {
    assertThatThrownBy(() -> p.apply(TextIO.read().from(dir + "/missing/*.txt")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("No files match '" + dir + "/missing/*.txt'");
  }

  @Test
  void fixedShardCountWritesExactlyThatManyFilesWithAllLines() throws IOException {
    List<String> expected = numbered(1000);
    p.apply(Create.of(expected)).apply(TextIO.write().to(dir + "/out").withSuffix(".txt")
        .withNumShards(3));
    p.run();
    assertThat(outputNames("out")).containsExactly(
        "out-00000-of-00003.txt", "out-00001-of-00003.txt", "out-00002-of-00003.txt");
    assertThat(allLines("out")).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(dir.toFile().list()).noneMatch(n -> n.startsWith(".temp"));
  }

  @Test
  void moreShardsThanLinesGivesEmptyShardsWithHeaderAndFooter() throws IOException {
    p.apply(Create.of("only")).apply(TextIO.write().to(dir + "/out").withNumShards(4)
        .withHeader("# header").withFooter("# footer"));
    p.run();
    assertThat(outputNames("out")).hasSize(4);
    List<String> contents = new ArrayList<>();
    for (String name : outputNames("out")) {
      contents.add(Files.readString(dir.resolve(name)));
    }
    assertThat(contents).containsOnly("# header\n# footer\n", "# header\nonly\n# footer\n");
    assertThat(contents).filteredOn(c -> c.contains("only")).hasSize(1);
  }

  @Test
  void withoutShardingWritesOneFileStartingWithTheHeader() throws IOException {
    p.apply(Create.of(numbered(100))).apply(TextIO.write().to(dir + "/single").withSuffix(".csv")
        .withHeader("name").withoutSharding());
    p.run();
    assertThat(outputNames("single")).containsExactly("single-00000-of-00001.csv");
    List<String> lines = Files.readAllLines(dir.resolve("single-00000-of-00001.csv"));
    assertThat(lines.get(0)).isEqualTo("name");
    assertThat(lines.subList(1, lines.size())).containsExactlyInAnyOrderElementsOf(numbered(100));
  }

  @Test
  void runnerChosenShardsAreConsistentlyNamedAndHoldEveryLine() throws IOException {
    List<String> expected = numbered(20_000);
    p.apply(Create.of(expected)).apply(TextIO.write().to(dir + "/auto"));
    p.run();
    List<String> names = outputNames("auto");
    assertThat(names).isNotEmpty();
    for (int i = 0; i < names.size(); i++) {
      assertThat(names.get(i)).isEqualTo(String.format("auto-%05d-of-%05d", i, names.size()));
    }
    assertThat(allLines("auto")).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void anEmptyCollectionStillWritesOneFile() throws IOException {
    p.apply(Create.empty(dev.millrace.coders.StringUtf8Coder.of()))
        .apply(TextIO.write().to(dir + "/empty").withHeader("h"));
    p.run();
    assertThat(outputNames("empty")).containsExactly("empty-00000-of-00001");
    assertThat(Files.readString(dir.resolve("empty-00000-of-00001"))).isEqualTo("h\n");
  }

  @Test
  void outputsOfAnEarlierRunAreReplaced() throws IOException {
    write("out-00000-of-00005", "stale\n");
    write("out-00003-of-00005", "stale\n");
    write("out-00000-of-00002", "stale\n");
    p.apply(Create.of("fresh1", "fresh2")).apply(TextIO.write().to(dir + "/out").withNumShards(2));
    p.run();
    assertThat(outputNames("out")).containsExactly("out-00000-of-00002", "out-00001-of-00002");
    assertThat(allLines("out")).containsExactlyInAnyOrder("fresh1", "fresh2");
  }

  @Test
  void writeThenReadRoundTripsUnicodeLines() throws IOException {
    List<String> lines = List.of("Grüße", "日本語", "😀", "", "tab\there");
    p.apply(Create.of(lines)).apply(TextIO.write().to(dir + "/rt").withNumShards(2));
    p.run();
    assertThat(allLines("rt")).containsExactlyInAnyOrderElementsOf(lines);
  }

  @Test
  void windowedCollectionsAreRejectedWithAFix() {
    PCollection<String> windowed = p.apply(Create.of("a"))
        .apply(Window.<String>into(FixedWindows.of(Duration.ofMinutes(1))));
    assertThatThrownBy(() -> windowed.apply(TextIO.write().to(dir + "/w")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("windowed writes are not supported yet")
        .hasMessageContaining("GlobalWindows");
  }

  @Test
  void missingPrefixOrPatternIsAClearError() {
    assertThatThrownBy(() -> p.apply(Create.of("a")).apply(TextIO.write()))
        .hasMessageContaining("call .to(");
    assertThatThrownBy(() -> p.apply(TextIO.read())).hasMessageContaining("call .from(");
  }
}
