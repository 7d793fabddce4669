package dev.millrace.runners.microbatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
      int kills = 0;
      int resumed = 0;
      for (int attempt = 0; attempt < 20; attempt++) {
        boolean kill = kills < 3;
        Outcome o = runChild(args, kill ? 1 + random.nextInt(8) : -1, random.nextInt(150));
        resumed += o.resumed ? 1 : 0;
        if (o.killed) {
          kills++;
          continue;
        }
        assertThat(o.exitCode).as("child output:\n" + o.log).isZero();
        break;
      }
      assertThat(kills).isEqualTo(3);
      assertThat(resumed).as("restarts that resumed from a checkpoint").isGreaterThanOrEqualTo(3);
      assertThat(lines(work.resolve("out"))).isEqualTo(expected);
    }
  }

  private record Outcome(boolean killed, boolean resumed, int exitCode, String log) {}

  /** Runs the job; kills it after {@code killAfterCommits} committed batches (-1: never). */
  private static Outcome runChild(String[] args, int killAfterCommits, int delayMillis)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(UnboundedCheckpointedJob.class.getName());
    Collections.addAll(cmd, args);
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    StringBuilder log = new StringBuilder();
    boolean killed = false;
    boolean resumed = false;
    int commits = 0;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        log.append(line).append('\n');
        resumed |= line.contains("Resuming from the checkpoint");
        if (line.contains("committed") && ++commits == killAfterCommits) {
          Thread.sleep(delayMillis);
          child.destroyForcibly();
          killed = true;
          break;
        }
      }
    }
    if (!child.waitFor(120, TimeUnit.SECONDS)) {
      child.destroyForcibly();
      throw new AssertionError("the child did not finish:\n" + log);
    }
    return new Outcome(killed, resumed, child.exitValue(), log.toString());
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
