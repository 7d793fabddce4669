package dev.millrace.runners.microbatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TextIO writes a collection that never ends on this runner with a per-batch file sink: each
 * batch's lines are committed as {@code PREFIX-part-BBBBBBBB-SSSSS-of-NNNNNSUFFIX} files (batch
 * number, shard, shard count) with the write's header and footer, every line exactly once, and
 * nothing stays in the temporary directory once the run is over.
 */
class UnboundedTextSinkTest {
  private static final int N = 1000;

  @TempDir Path dir;

  @Test
  void eachBatchCommitsItsOwnPartFilesWithoutACheckpointDir() throws IOException {
    run(0, "--runner=microbatch", "--maxBatchSize=100", "--parallelism=2");

    List<Path> files = TextSinkFiles.outputFiles(dir);
    assertThat(files).allSatisfy(f -> assertThat(f.getFileName().toString())
        .matches("out-part-\\d{8}-0000[01]-of-00002\\.txt"));
    // 1000 values in batches of at most 100: at least ten batches, each with its own part number.
    assertThat(files.stream().map(f -> f.getFileName().toString().substring(9, 17)).distinct())
        .hasSizeGreaterThanOrEqualTo(10);
    assertThat(TextSinkFiles.bodyLines(files)).containsExactlyInAnyOrderElementsOf(numbers(N));
    assertThat(TextSinkFiles.leftovers(dir)).isEmpty();
  }

  @Test
  void aFixedNumberOfShardsNamesTheFilesOfThatCount() throws IOException {
    run(3, "--runner=microbatch", "--maxBatchSize=300", "--parallelism=2");

    List<Path> files = TextSinkFiles.outputFiles(dir);
    assertThat(files).allSatisfy(f -> assertThat(f.getFileName().toString())
        .matches("out-part-\\d{8}-0000[0-2]-of-00003\\.txt"));
    assertThat(files.stream().map(f -> f.getFileName().toString().substring(18, 23)))
        .contains("00000", "00001", "00002");
    assertThat(TextSinkFiles.bodyLines(files)).containsExactlyInAnyOrderElementsOf(numbers(N));
  }

  @Test
  void withACheckpointDirTheFilesAreCommittedWithTheBatchesAndTheJobIsNotRepeated()
      throws IOException {
    String checkpoints = "--checkpointDir=" + dir.resolve("checkpoints");
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    String[] args = {String.valueOf(N), out.resolve("out").toString(), "0", "0",
        "--runner=microbatch", "--maxBatchSize=100", "--parallelism=2", checkpoints};
    TextSinkCheckpointedJob.main(args);
    List<String> first = TextSinkFiles.bodyLines(TextSinkFiles.outputFiles(out));
    TextSinkCheckpointedJob.main(args); // the checkpoint says the job finished: nothing to do

    assertThat(first).containsExactlyInAnyOrderElementsOf(numbers(N));
    assertThat(TextSinkFiles.bodyLines(TextSinkFiles.outputFiles(out))).isEqualTo(first);
    assertThat(TextSinkFiles.leftovers(out)).isEmpty();
  }

  private void run(int shards, String... flags) {
    List<String> args = new ArrayList<>(List.of(String.valueOf(N),
        dir.resolve("out").toString(), "0", String.valueOf(shards)));
    args.addAll(List.of(flags));
    TextSinkCheckpointedJob.main(args.toArray(String[]::new));
  }

  static List<String> numbers(long n) {
    return LongStream.range(0, n).mapToObj(String::valueOf).collect(Collectors.toList());
  }

  /** Reading what a text sink left in a directory. */
  static final class TextSinkFiles {
    private TextSinkFiles() {}

    /** The regular files directly in {@code dir}, by name. */
    static List<Path> outputFiles(Path dir) throws IOException {
      try (Stream<Path> all = Files.list(dir)) {
        return all.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
      }
    }

    /** Every entry whose name starts with '.' (temporary directories and their files). */
    static List<Path> leftovers(Path dir) throws IOException {
      try (Stream<Path> all = Files.walk(dir)) {
        return all.filter(p -> !p.equals(dir) && p.getFileName().toString().startsWith("."))
            .collect(Collectors.toList());
      }
    }

    /** The lines between each file's header and footer, after checking both are there. */
    static List<String> bodyLines(List<Path> files) throws IOException {
      List<String> body = new ArrayList<>();
      for (Path f : files) {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        assertThat(lines).as(f.toString()).hasSizeGreaterThan(2);
        assertThat(lines.get(0)).as(f.toString()).isEqualTo("HEAD");
        assertThat(lines.get(lines.size() - 1)).as(f.toString()).isEqualTo("FOOT");
        body.addAll(lines.subList(1, lines.size() - 1));
      }
      return body;
    }
  }
}
