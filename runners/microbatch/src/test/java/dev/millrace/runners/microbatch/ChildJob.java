package dev.millrace.runners.microbatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A checkpointed job's main class run in a child JVM (the test's class path), for the
 * kill-and-restart tests: the child can be killed with SIGKILL after a given number of committed
 * batches, and restarted with the same arguments.
 */
final class ChildJob {
  private final Class<?> mainClass;
  private final List<String> jvmArgs;

  ChildJob(Class<?> mainClass, String... jvmArgs) {
    this.mainClass = mainClass;
    this.jvmArgs = List.of(jvmArgs);
  }

  /** What one run of the child did. */
  record Outcome(boolean killed, boolean resumed, int exitCode, String log) {}

  /**
   * Runs the job {@code kills} times, killing each run with SIGKILL after a random number (1-8) of
   * committed batches plus a random delay (0-149 ms), then once more to the end, which must exit
   * with 0. Asserts that every kill happened and that the restarts resumed from a checkpoint.
   */
  void killAndRestart(String[] args, int kills, Random random) throws Exception {
    int killed = 0;
    int resumed = 0;
    for (int attempt = 0; attempt < 20; attempt++) {
      boolean kill = killed < kills;
      Outcome o = run(args, kill ? 1 + random.nextInt(8) : -1, random.nextInt(150));
      resumed += o.resumed ? 1 : 0;
      if (o.killed) {
        killed++;
        continue;
      }
      assertThat(o.exitCode).as("child output:\n" + o.log).isZero();
      break;
    }
    assertThat(killed).isEqualTo(kills);
    assertThat(resumed).as("restarts that resumed from a checkpoint").isGreaterThanOrEqualTo(kills);
  }

  /** Runs the job; kills it after {@code killAfterCommits} committed batches (-1: never). */
  Outcome run(String[] args, int killAfterCommits, int delayMillis) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass.getName());
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
}
