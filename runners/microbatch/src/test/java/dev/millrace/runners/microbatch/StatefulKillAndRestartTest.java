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
 * Exactly-once recovery of a stateful DoFn: {@link StatefulCheckpointedJob} (bag and value
 * state, processing-time, event-time and family timers, onWindowExpiration) run in a child JVM
 * with --checkpointDir, killed with SIGKILL at random points several times and restarted with
 * the same flags, writes exactly the output of an uninterrupted run: no buffered value lost or
 * flushed twice, every window reported, echoed and expired once.
 */
class StatefulKillAndRestartTest {
  private static final int N = 3000;
  private static final int KEYS = 20;

  @TempDir
  Path dir;

  @Test
  void killedAndRestartedStatefulRunsProduceExactlyTheUninterruptedOutput() throws Exception {
    String reference = dir.resolve("reference/out").toString();
    StatefulCheckpointedJob.main(new String[] {String.valueOf(N), reference, "0",
        "--runner=microbatch", "--maxBatchSize=100", "--parallelism=2"});
    List<String> expected = lines(dir.resolve("reference"));
    int windows = N / 60;
    assertThat(expected).hasSize(N + 3 * KEYS * windows);
    assertThat(expected).contains("k7 [1970-01-01T00:02:00Z..1970-01-01T00:03:00Z) value 127")
        .filteredOn(l -> l.endsWith(" expired")).hasSize(KEYS * windows);

    Random random = new Random();
    for (int round = 0; round < 2; round++) {
      Path work = dir.resolve("round" + round);
      String[] args = {String.valueOf(N), work.resolve("out/out").toString(), "1",
          "--runner=microbatch", "--maxBatchSize=100", "--parallelism=2",
          "--checkpointDir=" + work.resolve("checkpoints")};
      new ChildJob(StatefulCheckpointedJob.class).killAndRestart(args, 3, random);
      assertThat(lines(work.resolve("out"))).isEqualTo(expected);
    }
  }



  private static List<String> lines(Path outDir) throws IOException {
    List<String> all = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(outDir, "out-*-of-*")) {
      for (Path f : files) {
        all.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
      }
    }
    Collections.sort(all);
    return all;
  }
}
