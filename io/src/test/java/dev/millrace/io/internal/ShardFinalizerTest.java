package dev.millrace.io.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.values.KV;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Naming, empty shards, overwriting and clean-up done when a text write finishes. */
class ShardFinalizerTest {
  @TempDir Path dir;

  private List<String> outputNames() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static KV<Integer, String> temp(WriteConfig config, int shard, String... lines)
      throws IOException {
    Path p = config.tempDir().resolve("t-" + shard + "-" + lines.length + "-" + System.nanoTime());
    TextFileWriter w = TextFileWriter.open(p, config.header());
    for (String line : lines) {
      w.write(line);
    }
    w.finish(config.footer());
    return KV.of(shard, p.toString());
  }

  @Test
  void shardNamesHaveFiveDigitsAndTheSuffix() {
    WriteConfig config = WriteConfig.forPrefix(dir + "/out", ".txt", null, null, 3);
    assertThat(config.shardName(0, 3)).isEqualTo("out-00000-of-00003.txt");
    assertThat(config.shardName(12, 100_000)).isEqualTo("out-00012-of-100000.txt");
    assertThat(config.shardPath(2, 3)).isEqualTo(dir.resolve("out-00002-of-00003.txt"));
    assertThat(config.shardNamePattern().matcher("out-00001-of-00007.txt").matches()).isTrue();
    assertThat(config.shardNamePattern().matcher("out-00001-of-00007.txt.bak").matches()).isFalse();
    assertThat(config.shardNamePattern().matcher("outer-00001-of-00007.txt").matches()).isFalse();
  }

  @Test
  void aPrefixEndingInASlashWritesIntoThatDirectory() {
    WriteConfig config = WriteConfig.forPrefix(dir + "/results/", "", null, null, 0);
    assertThat(config.shardPath(0, 1)).isEqualTo(dir.resolve("results/-00000-of-00001"));
    assertThat(config.tempDir().getParent()).isEqualTo(dir.resolve("results"));
  }

  @Test
  void fixedShardsAreRenamedAndMissingShardsWrittenEmptyWithHeaderAndFooter() throws IOException {
    WriteConfig config = WriteConfig.forPrefix(dir + "/out", ".csv", "h", "f", 4);
    List<KV<Integer, String>> results = new ArrayList<>();
    results.add(temp(config, 2, "c1", "c2"));
    results.add(temp(config, 0, "a"));
    ShardFinalizer.finalizeFiles(config, results);
    assertThat(outputNames()).containsExactly("out-00000-of-00004.csv", "out-00001-of-00004.csv",
        "out-00002-of-00004.csv", "out-00003-of-00004.csv");
    assertThat(Files.readString(dir.resolve("out-00000-of-00004.csv"))).isEqualTo("h\na\nf\n");
    assertThat(Files.readString(dir.resolve("out-00001-of-00004.csv"))).isEqualTo("h\nf\n");
    assertThat(Files.readString(dir.resolve("out-00002-of-00004.csv"))).isEqualTo("h\nc1\nc2\nf\n");
    assertThat(Files.exists(config.tempDir())).isFalse();
  }

  @Test
  void runnerChosenShardsAreNumberedOncetheTotalIsKnown() throws IOException {
    WriteConfig config = WriteConfig.forPrefix(dir + "/out", "", null, null, 0);
    ShardFinalizer.finalizeFiles(
        config, List.of(temp(config, -1, "x"), temp(config, -1, "y"), temp(config, -1, "z")));
    assertThat(outputNames())
        .containsExactly("out-00000-of-00003", "out-00001-of-00003", "out-00002-of-00003");
    List<String> all = new ArrayList<>();
    for (String name : outputNames()) {
      all.addAll(Files.readAllLines(dir.resolve(name)));
    }
    assertThat(all).containsExactlyInAnyOrder("x", "y", "z");
  }

  @Test
  void nothingWrittenStillGivesOneFileWithTheHeader() throws IOException {
    WriteConfig config = WriteConfig.forPrefix(dir + "/out", ".txt", "header", null, 0);
    ShardFinalizer.finalizeFiles(config, List.of());
    assertThat(outputNames()).containsExactly("out-00000-of-00001.txt");
    assertThat(Files.readString(dir.resolve("out-00000-of-00001.txt"))).isEqualTo("header\n");
  }

  @Test
  void filesOfAnEarlierRunAreReplacedEvenWithAnotherShardCount() throws IOException {
    for (String old : List.of("out-00000-of-00005.txt", "out-00004-of-00005.txt",
        "out-00000-of-00002.txt")) {
      Files.writeString(dir.resolve(old), "stale\n");
    }
    Files.writeString(dir.resolve("out-notes.txt"), "keep\n");
    Files.writeString(dir.resolve("other-00000-of-00001.txt"), "keep\n");
    Files.writeString(dir.resolve("out-00000-of-00002.txt.bak"), "keep\n");
    WriteConfig config = WriteConfig.forPrefix(dir + "/out", ".txt", null, null, 2);
    ShardFinalizer.finalizeFiles(config, List.of(temp(config, 0, "new0"), temp(config, 1, "new1")));
    assertThat(outputNames()).containsExactly("other-00000-of-00001.txt",
        "out-00000-of-00002.txt", "out-00000-of-00002.txt.bak", "out-00001-of-00002.txt",
        "out-notes.txt");
    assertThat(Files.readString(dir.resolve("out-00000-of-00002.txt"))).isEqualTo("new0\n");
  }

  @Test
  void repeatingAFinalizeAfterAPartialFailureKeepsTheMovedFiles() throws IOException {
    WriteConfig config = WriteConfig.forPrefix(dir + "/out", "", null, null, 2);
    List<KV<Integer, String>> results = List.of(temp(config, 0, "a"), temp(config, 1, "b"));
    Files.move(Path.of(results.get(0).getValue()), config.shardPath(0, 2));
    ShardFinalizer.finalizeFiles(config, results);
    ShardFinalizer.finalizeFiles(config, results);
    assertThat(outputNames()).containsExactly("out-00000-of-00002", "out-00001-of-00002");
    assertThat(Files.readString(config.shardPath(0, 2))).isEqualTo("a\n");
    assertThat(Files.readString(config.shardPath(1, 2))).isEqualTo("b\n");
  }

  @Test
  void orphanedTempFilesOfFailedAttemptsAreDeletedWithTheTempDirectory() throws IOException {
    WriteConfig config = WriteConfig.forPrefix(dir + "/out", "", null, null, 0);
    KV<Integer, String> good = temp(config, -1, "good");
    temp(config, -1, "orphan of a failed attempt");
    ShardFinalizer.finalizeFiles(config, List.of(good));
    assertThat(outputNames()).containsExactly("out-00000-of-00001");
    assertThat(Files.readAllLines(config.shardPath(0, 1))).containsExactly("good");
  }
}
