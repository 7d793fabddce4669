package dev.millrace.benchmarks;

import dev.millrace.Pipeline;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.runners.flink.FlinkOptions;
import dev.millrace.runners.flink.internal.FlinkEnvironments;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.Filter;
import dev.millrace.transforms.FlatMapElements;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TypeDescriptors;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.IntervalWindow;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Millrace on Flink against the same jobs written directly on Flink's DataStream API
 * ({@link NativeFlinkJobs}), on the same MiniCluster (the runner's shared local cluster), with the
 * same parallelism and the same environment settings, in one invocation: WordCount, and a
 * windowed count (each line's words stamped with the line number in seconds, counted per word in
 * one-minute event-time windows), in BATCH mode and in STREAMING mode. Both read the same
 * generated lines, held in memory and shipped with the job. Runs are interleaved (alternating
 * which goes first) and repeated after a warm-up; the medians, the ratio of medians and the
 * median of the paired per-run ratios are reported, and every run's counts are checked against a
 * plain Java loop's. The system load is printed with each run: the machine may be shared. A
 * first, unmeasured job with twice the parallelism grows the shared cluster so that no measured
 * job waits for the slots of the job before it.
 *
 * <pre>
 * java -cp ... dev.millrace.benchmarks.FlinkBenchmark [--words=2000000] [--distinct=100000]
 *     [--runs=5] [--warmup=2] [--parallelism=2] [--modes=batch,streaming]
 *     [--only=wordcount|windowed] [--profile=native|millrace] [--dir=target/bench]
 *     [--lateness-seconds=0]
 * </pre>
 */
public final class FlinkBenchmark {
  private FlinkBenchmark() {}

  /**
   * The allowed lateness of the windowed count's windows (--lateness-seconds, default 0). With
   * lateness the windows no longer fire only at their end: Millrace runs the windowing core's
   * general path (trigger, pane and hold state per window), Flink keeps each window until its
   * cleanup time.
   */
  static Duration lateness = Duration.ZERO;

  /** The counts of the last job, per key (the MiniCluster's tasks run in this JVM). */
  static final Map<String, Long> SINK = new ConcurrentHashMap<>();

  /** One measured configuration: a workload in an execution mode. */
  private record Workload(boolean windowed, boolean batch) {
    String name() {
      return (windowed ? "windowed count" : "WordCount") + (batch ? " BATCH" : " STREAMING");
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = new HashMap<>();
    for (String a : args) {
      String[] kv = a.replaceFirst("^--", "").split("=", 2);
      flags.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    long words = Long.parseLong(flags.getOrDefault("words", "2000000"));
    int distinct = Integer.parseInt(flags.getOrDefault("distinct", "100000"));
    int runs = Integer.parseInt(flags.getOrDefault("runs", "5"));
    int warmup = Integer.parseInt(flags.getOrDefault("warmup", "2"));
    int parallelism = Integer.parseInt(flags.getOrDefault("parallelism", "2"));
    List<String> modes = Arrays.asList(flags.getOrDefault("modes", "batch,streaming").split(","));
    String only = flags.getOrDefault("only", "");
    lateness = Duration.ofSeconds(Long.parseLong(flags.getOrDefault("lateness-seconds", "0")));
    Path dir = Path.of(flags.getOrDefault("dir", "target/bench")).toAbsolutePath();
    Path input = dir.resolve("words-" + words + "-" + distinct + ".txt");
    if (!Files.exists(input)) {
      ZipfWords.generate(input, words, distinct, 42);
    }
    List<String> lines = Files.readAllLines(input, StandardCharsets.UTF_8);
    System.out.printf("input: %s (%,d lines), %d cores, parallelism %d%n", input, lines.size(),
        Runtime.getRuntime().availableProcessors(), parallelism);
    // A job's slots are freed a while after it finishes, and a job right after it may wait for
    // them: a first job with twice the parallelism grows the shared cluster, so that every
    // measured job finds free slots (for both contenders alike).
    runNative(options(parallelism * 2, true), new Workload(false, true), lines.subList(0, 100));
    SINK.clear();
    List<String> report = new ArrayList<>();
    for (boolean windowed : new boolean[] {false, true}) {
      if (only.equals("wordcount") && windowed || only.equals("windowed") && !windowed) {
        continue;
      }
      Map<String, Long> expected = MicroBatchBenchmark.plainLoop(lines, windowed);
      for (String mode : modes) {
        Workload w = new Workload(windowed, mode.trim().equals("batch"));
        String profile = flags.get("profile");
        if (profile != null) {
          com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
              ManagementFactory.getOperatingSystemMXBean();
          for (int r = 0; r < runs; r++) {
            long cpu = os.getProcessCpuTime();
            long ns = run(profile.equals("native"), w, lines, parallelism, expected);
            System.out.printf("%s %s: %d ms (process CPU %d ms)%n", profile, w.name(),
                ns / 1_000_000, (os.getProcessCpuTime() - cpu) / 1_000_000);
          }
          continue;
        }
        report.add(measure(w, lines, parallelism, expected, runs, warmup));
      }
    }
    System.out.println();
    System.out.printf("%-26s %12s %12s %8s %8s%n", "workload (parallelism " + parallelism + ")",
        "native ms", "millrace ms", "ratio", "paired");
    report.forEach(System.out::println);
    System.exit(0); // the shared MiniCluster's threads would keep the JVM alive
  }

  /** Warms up, then runs both contenders in turn; returns the table row. */
  private static String measure(Workload w, List<String> lines, int parallelism,
      Map<String, Long> expected, int runs, int warmup) {
    for (int i = 0; i < warmup; i++) {
      run(true, w, lines, parallelism, expected);
      run(false, w, lines, parallelism, expected);
    }
    List<Long> nat = new ArrayList<>();
    List<Long> mill = new ArrayList<>();
    List<Double> pairs = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      boolean nativeFirst = r % 2 == 0;
      long first = run(nativeFirst, w, lines, parallelism, expected);
      long second = run(!nativeFirst, w, lines, parallelism, expected);
      long n = nativeFirst ? first : second;
      long m = nativeFirst ? second : first;
      nat.add(n);
      mill.add(m);
      pairs.add(m / (double) n);
      System.out.printf("  %s run %d: native %d ms, millrace %d ms (%.2f), load %.1f%n",
          w.name(), r + 1, n / 1_000_000, m / 1_000_000, m / (double) n,
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
    double n = median(nat);
    double m = median(mill);
    return String.format("%-26s %12.0f %12.0f %8.2f %8.2f", w.name(), n / 1e6, m / 1e6, m / n,
        pairs.stream().mapToDouble(Double::doubleValue).sorted().toArray()[pairs.size() / 2]);
  }

  private static double median(List<Long> xs) {
    long[] a = xs.stream().mapToLong(Long::longValue).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2.0;
  }

  private static FlinkOptions options(int parallelism, boolean batch) {
    return PipelineOptionsFactory.fromArgs("--runner=flink", "--parallelism=" + parallelism,
        "--streaming=" + !batch).as(FlinkOptions.class);
  }

  /** Runs one contender once, checks its counts; returns the elapsed nanoseconds. */
  private static long run(boolean nativeJob, Workload w, List<String> lines, int parallelism,
      Map<String, Long> expected) {
    SINK.clear();
    FlinkOptions options = options(parallelism, w.batch());
    long elapsed;
    try {
      elapsed = nativeJob ? runNative(options, w, lines) : runMillrace(options, w, lines);
    } catch (Exception e) {
      throw new IllegalStateException("the " + (nativeJob ? "native" : "Millrace") + " job "
          + w.name() + " failed: " + e, e);
    }
    if (!SINK.equals(expected)) {
      throw new IllegalStateException("the counts of the " + (nativeJob ? "native" : "Millrace")
          + " job " + w.name() + " differ from the plain loop's: " + SINK.size()
          + " keys instead of " + expected.size());
    }
    return elapsed;
  }

  private static long runNative(FlinkOptions options, Workload w, List<String> lines)
      throws Exception {
    long t0 = System.nanoTime();
    StreamExecutionEnvironment env = FlinkEnvironments.create(options, w.batch());
    NativeFlinkJobs.build(env, lines, options.getParallelism() * 4, w.windowed(), w.batch());
    env.execute("native " + w.name());
    return System.nanoTime() - t0;
  }

  private static long runMillrace(FlinkOptions options, Workload w, List<String> lines) {
    long t0 = System.nanoTime();
    Pipeline p = Pipeline.create(options);
    List<KV<Long, String>> numbered = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      numbered.add(KV.of((long) i, lines.get(i)));
    }
    PCollection<String> words = p.apply(Create.of(numbered))
        .apply("Stamp", ParDo.of(new Stamp()))
        .apply(FlatMapElements.into(TypeDescriptors.strings())
            .via((String line) -> Arrays.asList(line.split("[^\\p{L}]+"))))
        .apply(Filter.by((String word) -> !word.isEmpty()));
    if (w.windowed()) {
      words = words.apply(
          Window.<String>into(FixedWindows.of(Duration.ofMinutes(1))).withAllowedLateness(lateness));
    }
    words.apply(Count.perElement()).apply("Collect", ParDo.of(new CollectCounts(w.windowed())));
    p.run().waitUntilFinish();
    return System.nanoTime() - t0;
  }

  /** Gives each line the timestamp of its line number in seconds. */
  static final class Stamp extends DoFn<KV<Long, String>, String> {
    @Override
    public void processElement(ProcessContext c) {
      c.outputWithTimestamp(c.element().getValue(), Instant.ofEpochSecond(c.element().getKey()));
    }
  }

  /** Merges a count into {@link #SINK}, keyed by word (and window index when windowed). */
  static final class CollectCounts extends DoFn<KV<String, Long>, Void> {
    private final boolean windowed;

    CollectCounts(boolean windowed) {
      this.windowed = windowed;
    }

    @Override
    public void processElement(ProcessContext c) {
      String key = c.element().getKey();
      if (windowed) {
        key = key + "@" + ((IntervalWindow) c.window()).start().getEpochSecond() / 60;
      }
      SINK.merge(key, c.element().getValue(), Long::sum);
    }
  }
}
