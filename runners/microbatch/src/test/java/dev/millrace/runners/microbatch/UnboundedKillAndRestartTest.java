package dev.millrace.runners.microbatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly-once recovery over an unbounded source: {@link UnboundedCheckpointedJob} run in a
 * child JVM with --checkpointDir, killed with SIGKILL at random points several times and
 * restarted with the same flags, resumes every split from its committed checkpoint mark and
 * writes exactly the output of an uninterrupted run: no element lost, none counted twice.
 */
class UnboundedKillAndRestartTest {
  private static final int N = 3000;

  @TempDir
  Path dir;

  @Test
  void killedAndRestartedRunsResumeFromTheMarksWithoutLossOrDuplication() throws Exception {
    String reference = dir.resolve("reference").toString();
    UnboundedCheckpointedJob.main(new String[] {String.valueOf(N), reference, "0",
        "--runner=microbatch", "--maxBatchSize=100", "--parallelism=2"});
    List<String> expected = lines(dir.resolve("reference"));
    assertThat(expected).hasSize(50 * (N / 60))
        .contains("k7 [1970-01-01T00:00:00Z..1970-01-01T00:01:00Z) 64 ON_TIME 0");

    Random random = new Random();
    for (int round = 0; round < 2; round++) {
      Path work = dir.resolve("round" + round);
      String[] args = {String.valueOf(N), work.resolve("out").toString(), "1",
          "--runner=microbatch", "--maxBatchSize=100", "--parallelism=2",
          "--checkpointDir=" + work.resolve("checkpoints")};
      new ChildJob(UnboundedCheckpointedJob.class).killAndRestart(args, 3, random);
      assertThat(lines(work.resolve("out"))).isEqualTo(expected);
    }
  }



  private static List<String> lines(Path outDir) throws IOException {
    List<String> all = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(outDir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (!name.startsWith(".tmp-")) {
          all.add((name.startsWith("conflict-") ? "CONFLICT " : "")
              + Files.readString(f, StandardCharsets.UTF_8));
        }
      }
    }
    Collections.sort(all);
    return all;
  }
}
