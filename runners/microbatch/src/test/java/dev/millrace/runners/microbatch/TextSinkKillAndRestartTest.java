package dev.millrace.runners.microbatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.runners.microbatch.UnboundedTextSinkTest.TextSinkFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once text files over an unbounded source: {@link TextSinkCheckpointedJob} run in a
 * child JVM with --checkpointDir, killed with SIGKILL at random points several times and
 * restarted with the same flags, leaves final files whose lines are exactly those of an
 * uninterrupted run (no line lost, none written twice), every file with its header and footer,
 * and no in-progress files or temporary directories.
 */
class TextSinkKillAndRestartTest {
  private static final int N = 3000;

  @TempDir
  Path dir;

  @Test
  void killedAndRestartedRunsCommitEveryLineExactlyOnce() throws Exception {
    Path reference = dir.resolve("reference");
    Files.createDirectories(reference);
    TextSinkCheckpointedJob.main(new String[] {String.valueOf(N),
        reference.resolve("out").toString(), "0", "0",
        "--runner=microbatch", "--maxBatchSize=100", "--parallelism=2"});
    List<String> expected = sorted(TextSinkFiles.bodyLines(TextSinkFiles.outputFiles(reference)));
    assertThat(expected).hasSize(N);

    Random random = new Random();
    for (int round = 0; round < 2; round++) {
      Path out = dir.resolve("round" + round).resolve("out");
      Files.createDirectories(out);
      String[] args = {String.valueOf(N), out.resolve("out").toString(), "1",
          String.valueOf(round == 0 ? 0 : 3), "--runner=microbatch", "--maxBatchSize=100",
          "--parallelism=2", "--checkpointDir=" + dir.resolve("round" + round + "-checkpoints")};
      new ChildJob(TextSinkCheckpointedJob.class).killAndRestart(args, 3, random);
      List<Path> files = TextSinkFiles.outputFiles(out);
      String names = "out-part-\\d{8}-\\d{5}-of-0000" + (round == 0 ? 2 : 3) + "\\.txt";
      assertThat(files).allSatisfy(f -> assertThat(f.getFileName().toString()).matches(names));
      assertThat(sorted(TextSinkFiles.bodyLines(files))).isEqualTo(expected);
      assertThat(TextSinkFiles.leftovers(out)).as("in-progress files and temporary directories")
          .isEmpty();
    }
  }

  @Test
  void aCrashAfterTheCheckpointBeforeTheRenamesIsRepairedByTheRestore() throws Exception {
    Path out = dir.resolve("halt").resolve("out");
    Files.createDirectories(out);
    String[] args = {String.valueOf(N), out.resolve("out").toString(), "0", "0",
        "--runner=microbatch", "--maxBatchSize=100", "--parallelism=2",
        "--checkpointDir=" + dir.resolve("halt-checkpoints")};

    ChildJob.Outcome halted = new ChildJob(TextSinkCheckpointedJob.class,
        "-D" + BatchFileSink.HALT_BEFORE_RENAMES_PROPERTY + "=5").run(args, -1, 0);
    assertThat(halted.exitCode()).as("child output:\n" + halted.log()).isEqualTo(86);
    List<String> before = names(TextSinkFiles.outputFiles(out));
    assertThat(before).anyMatch(n -> n.startsWith("out-part-00000004-"))
        .noneMatch(n -> n.startsWith("out-part-00000005-"));

    ChildJob.Outcome resumed = new ChildJob(TextSinkCheckpointedJob.class).run(args, -1, 0);
    assertThat(resumed.exitCode()).as("child output:\n" + resumed.log()).isZero();
    assertThat(resumed.resumed()).isTrue();
    List<Path> files = TextSinkFiles.outputFiles(out);
    assertThat(names(files)).anyMatch(n -> n.startsWith("out-part-00000005-"));
    assertThat(sorted(TextSinkFiles.bodyLines(files)))
        .isEqualTo(sorted(UnboundedTextSinkTest.numbers(N)));
    assertThat(TextSinkFiles.leftovers(out)).isEmpty();
  }

  private static List<String> names(List<Path> files) {
    return files.stream().map(f -> f.getFileName().toString()).toList();
  }

  private static List<String> sorted(List<String> lines) {
    List<String> copy = new ArrayList<>(lines);
    Collections.sort(copy);
    return copy;
  }


}
