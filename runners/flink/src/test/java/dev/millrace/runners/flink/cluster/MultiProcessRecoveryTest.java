package dev.millrace.runners.flink.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.io.TextIO;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.runners.flink.internal.FlinkPipelineResult;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GenerateSequence;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.GlobalWindows;
import dev.millrace.windowing.IntervalWindow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Flink session cluster — a JobManager and two TaskManagers, each its own JVM on
 * 127.0.0.1 — runs an unbounded, checkpointed, windowed count submitted with
 * {@code --flinkMaster=127.0.0.1:PORT} (the job's classes are shipped: the cluster's class path
 * has no Millrace code). The TaskManager running the job is killed with SIGKILL mid-job; the job
 * restarts from its last checkpoint and every window's count is still exact: no record lost,
 * none counted twice.
 *
 * <p>Two outputs are checked: {@code TextIO.write} (on Flink, files committed with checkpoints:
 * every line exactly once), and an idempotent one — each window's count per key in its own file,
 * replaced atomically — which shows the counts held in state are exact even where a window fired
 * again after the restore.
 */
class MultiProcessRecoveryTest {
  private static final long RECORDS = 12_000;
  private static final long PER_SECOND = 800;
  private static final int KEYS = 4;
  private static final long MILLIS_PER_RECORD = 10; // event time: 100 records per 1 s window

  /** Keys each number by its remainder modulo {@link #KEYS}. */
  static final class KeyByRemainder extends DoFn<Long, KV<Long, Long>> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(KV.of(c.element() % KEYS, c.element()));
    }
  }

  /** Writes each (window, key) count to its own file, replacing it atomically. */
  static final class WriteCountFiles extends DoFn<KV<Long, Long>, Void> {
    private final String dir;

    WriteCountFiles(String dir) {
      this.dir = dir;
    }

    @Override
    public void processElement(ProcessContext c) {
      IntervalWindow w = (IntervalWindow) c.window();
      String name = w.start().toEpochMilli() + "-" + c.element().getKey();
      try {
        Path tmp = Files.createTempFile(Path.of(dir), name, ".tmp");
        Files.writeString(tmp, Long.toString(c.element().getValue()));
        Files.move(tmp, Path.of(dir, name), StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** {@code <window start millis>-<key>=<count>}. */
  static final class FormatCount extends DoFn<KV<Long, Long>, String> {
    @Override
    public void processElement(ProcessContext c) {
      IntervalWindow w = (IntervalWindow) c.window();
      c.output(w.start().toEpochMilli() + "-" + c.element().getKey() + "=" + c.element().getValue());
    }
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void killingTheBusyTaskManagerLosesAndDuplicatesNothing(@TempDir Path tmp) throws Exception {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Path text = Files.createDirectories(tmp.resolve("text"));
    ClusterSpec spec = ClusterSpec.defaults(tmp.resolve("cluster")).withRestPort(freePort());
    assertThat(spec.classpath()).noneMatch(e -> e.contains("millrace"));
    Pipeline p = pipeline(spec, out, text);
    long started = System.nanoTime();
    try (LocalFlinkCluster cluster = LocalFlinkCluster.start(spec)) {
      long submitted = System.nanoTime();
      FlinkPipelineResult result = (FlinkPipelineResult) p.run();
      String checkpoints = "/jobs/" + result.jobId() + "/checkpoints";

      awaitTrue(() -> completedCheckpoints(cluster, checkpoints) >= 3 && files(out) > 0,
          "3 completed checkpoints and a first window written");
      assertThat(result.getState()).isEqualTo(PipelineResult.State.RUNNING);
      List<String> busy = cluster.busyTaskManagers();
      assertThat(busy).as("TaskManagers running the job").isNotEmpty();
      String victim = busy.get(0);
      long writtenBeforeKill = files(out);
      cluster.killTaskManager(victim);
      long killedAt = System.nanoTime();

      assertThat(result.waitUntilFinish(Duration.ofSeconds(150)))
          .isEqualTo(PipelineResult.State.DONE);
      JsonNode stats = cluster.restGet(checkpoints).path("counts");
      System.out.printf("cluster up %.1f s, killed %s after %.1f s, job done %.1f s later; %s%n",
          (killedAt - started) / 1e9 - (killedAt - submitted) / 1e9, victim,
          (killedAt - submitted) / 1e9, (System.nanoTime() - killedAt) / 1e9, stats);
      assertThat(stats.path("restored").asInt()).as("restores from a checkpoint").isPositive();
      assertThat(writtenBeforeKill).as("the kill happened mid-job").isLessThan(expected().size());
      assertThat(readCounts(out)).isEqualTo(expected());
      assertThat(textLines(text)).as("TextIO.write's lines, each exactly once")
          .containsExactlyInAnyOrderElementsOf(expected().entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue()).toList());
    }
  }

  /**
   * Numbers at a throttled rate, keyed by remainder, counted per key in 1 s windows of event
   * time; the counts go to one file per (window, key) in {@code out} and as lines to TextIO files
   * in {@code text}.
   */
  private static Pipeline pipeline(ClusterSpec spec, Path out, Path text) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=flink",
        "--flinkMaster=" + spec.host() + ":" + spec.restPort(), "--parallelism=2",
        "--checkpointingInterval=200", "--numberOfExecutionRetries=10").create());
    PCollection<KV<Long, Long>> keyed = p
        .apply(GenerateSequence.from(0).to(RECORDS).withRate(PER_SECOND, Duration.ofSeconds(1))
            .withTimestampFn(i -> Instant.ofEpochMilli(i * MILLIS_PER_RECORD)))
        .apply("KeyByRemainder", ParDo.of(new KeyByRemainder()));
    keyed.setCoder(KvCoder.of(VarLongCoder.of(), VarLongCoder.of()));
    PCollection<KV<Long, Long>> counts = keyed
        .apply("FixedWindows", Window.into(FixedWindows.of(Duration.ofSeconds(1))))
        .apply("CountPerKey", Count.perKey());
    counts.apply("WriteCountFiles", ParDo.of(new WriteCountFiles(out.toString())));
    counts.apply("FormatCount", ParDo.of(new FormatCount()))
        .apply("GlobalWindow", Window.into(new GlobalWindows()))
        .apply("WriteText", TextIO.write().to(text + "/counts").withSuffix(".txt"));
    return p;
  }

  /** Every 1 s window of event time holds 100 records, 25 per key. */
  private static Map<String, String> expected() {
    Map<String, String> expected = new TreeMap<>();
    long windows = RECORDS * MILLIS_PER_RECORD / 1000;
    for (long w = 0; w < windows; w++) {
      for (long k = 0; k < KEYS; k++) {
        expected.put(w * 1000 + "-" + k, Long.toString(1000 / MILLIS_PER_RECORD / KEYS));
      }
    }
    return expected;
  }

  private static Map<String, String> readCounts(Path dir) throws IOException {
    Map<String, String> counts = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.filter(f -> !f.toString().endsWith(".tmp")).toList()) {
        counts.put(f.getFileName().toString(), Files.readString(f));
      }
    }
    return counts;
  }

  /** The lines of the committed text files (not the hidden folder of in-progress ones). */
  private static List<String> textLines(Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().matches("counts.*\\.txt")).sorted().toList()) {
        lines.addAll(Files.readAllLines(f));
      }
    }
    return lines;
  }

  private static long files(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> !f.toString().endsWith(".tmp")).count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int completedCheckpoints(LocalFlinkCluster cluster, String path) {
    try {
      return cluster.restGet(path).path("counts").path("completed").asInt();
    } catch (IOException e) {
      return 0; // the job is not known yet
    }
  }

  private static void awaitTrue(BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
