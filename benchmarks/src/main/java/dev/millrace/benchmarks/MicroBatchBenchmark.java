package dev.millrace.benchmarks;

import dev.millrace.Pipeline;
import dev.millrace.options.PipelineOptions;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.Filter;
import dev.millrace.transforms.FlatMapElements;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TypeDescriptors;
import dev.millrace.windowing.FixedWindows;
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

/**
 * Throughput of the micro-batch runner against the direct runner (model checks off) and a plain
 * single-threaded Java loop, over the same generated input, in one invocation: WordCount, and a
 * windowed count (each line's words stamped with the line number in seconds, counted per word in
 * one-minute windows). Runs are interleaved and repeated; medians are reported as ratios against
 * the plain loop, and every run's counts are checked against the loop's. Each run's times and the
 * system load are printed too, and the process CPU time of each runner, since a shared machine's
 * wall-clock times are noisy; the throughput ratio is given as the ratio of medians and as the
 * median of the per-run (paired) ratios.
 *
 * <p>Both runners must be on the class path (the micro-batch runner is found by name).
 *
 * <pre>
 * java -cp ... dev.millrace.benchmarks.MicroBatchBenchmark [--words=5000000] [--distinct=100000]
 *     [--runs=5] [--warmup=2] [--dir=target/bench] [--parallelism=0] [--batchInterval=PT0.5S]
 *     [--only=wordcount|windowed] [--profile=direct|microbatch]
 * </pre>
 */
public final class MicroBatchBenchmark {
  private MicroBatchBenchmark() {}

  /** Collected results of the last pipeline run, per key (a benchmark-only sink). */
  static final Map<String, Long> SINK = new ConcurrentHashMap<>();

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = new HashMap<>();
    for (String a : args) {
      String[] kv = a.replaceFirst("^--", "").split("=", 2);
      flags.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    long words = Long.parseLong(flags.getOrDefault("words", "5000000"));
    int distinct = Integer.parseInt(flags.getOrDefault("distinct", "100000"));
    int runs = Integer.parseInt(flags.getOrDefault("runs", "5"));
    int warmup = Integer.parseInt(flags.getOrDefault("warmup", "2"));
    String parallelism = flags.getOrDefault("parallelism", "0");
    String interval = flags.getOrDefault("batchInterval", "PT0.5S");
    Path dir = Path.of(flags.getOrDefault("dir", "target/bench")).toAbsolutePath();
    Path input = dir.resolve("words-" + words + "-" + distinct + ".txt");
    if (!Files.exists(input)) {
      Files.createDirectories(dir);
      ZipfWords.generate(input, words, distinct, 42);
    }
    List<String> lines = Files.readAllLines(input, StandardCharsets.UTF_8);
    System.out.printf("input: %s (%,d lines), %d cores%n", input, lines.size(),
        Runtime.getRuntime().availableProcessors());
    String[] direct = {"--runner=direct", "--enforceImmutability=false",
        "--enforceEncodability=false", "--targetParallelism=" + parallelism};
    String[] micro = {"--runner=microbatch", "--parallelism=" + parallelism,
        "--batchInterval=" + interval};
    String only = flags.getOrDefault("only", "");
    for (boolean windowed : new boolean[] {false, true}) {
      if (only.equals("wordcount") && windowed || only.equals("windowed") && !windowed) {
        continue;
      }
      Map<String, Long> expected = plainLoop(lines, windowed);
      String profile = flags.get("profile");
      if (profile != null) {
        profile(lines, profile.equals("direct") ? direct : micro, windowed, expected, runs);
        continue;
      }
      measure(lines, direct, micro, windowed, expected, runs, warmup);
    }
  }

  /** Runs one runner repeatedly (for a profiler): --profile=direct or --profile=microbatch. */
  private static void profile(List<String> lines, String[] flags, boolean windowed,
      Map<String, Long> expected, int runs) {
    for (int r = 0; r < runs; r++) {
      long cpu0 = cpuNanos();
      long ns = run(lines, flags, windowed, expected);
      System.out.printf("%s %s: %d ms, process CPU %d ms%n", flags[0],
          windowed ? "windowed" : "WordCount", ns / 1_000_000, (cpuNanos() - cpu0) / 1_000_000);
    }
  }

  /** Warms up, then runs the plain loop and both runners in turn and prints the medians. */
  private static void measure(List<String> lines, String[] direct, String[] micro,
      boolean windowed, Map<String, Long> expected, int runs, int warmup) {
    for (int w = 0; w < warmup; w++) { // let the JIT settle on both runners' code
      run(lines, direct, windowed, expected);
      run(lines, micro, windowed, expected);
    }
    List<Long> plain = new ArrayList<>();
    List<Long> d = new ArrayList<>();
    List<Long> m = new ArrayList<>();
    List<Long> dCpu = new ArrayList<>();
    List<Long> mCpu = new ArrayList<>();
    List<Double> pairs = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      plainLoop(lines, windowed);
      plain.add(System.nanoTime() - t0);
      long c0 = cpuNanos();
      d.add(run(lines, direct, windowed, expected));
      long c1 = cpuNanos();
      m.add(run(lines, micro, windowed, expected));
      dCpu.add(c1 - c0);
      mCpu.add(cpuNanos() - c1);
      pairs.add(d.get(r) / (double) m.get(r));
      System.out.printf("  run %d: plain %d ms, direct %d ms, micro-batch %d ms (load %.1f)%n",
          r + 1, plain.get(r) / 1_000_000, d.get(r) / 1_000_000, m.get(r) / 1_000_000,
          java.lang.management.ManagementFactory.getOperatingSystemMXBean()
              .getSystemLoadAverage());
    }
    double p = median(plain);
    String name = windowed ? "windowed count" : "WordCount";
    System.out.printf("%-15s %-28s %8.0f ms  ratio %.2f%n", name, "plain Java loop (1 thread)",
        p / 1e6, 1.0);
    System.out.printf("%-15s %-28s %8.0f ms  ratio %.2f  (process CPU %.0f ms)%n", name,
        "direct runner, checks off", median(d) / 1e6, median(d) / p, median(dCpu) / 1e6);
    System.out.printf("%-15s %-28s %8.0f ms  ratio %.2f  (process CPU %.0f ms)%n", name,
        "micro-batch runner", median(m) / 1e6, median(m) / p, median(mCpu) / 1e6);
    System.out.printf("%-15s micro-batch throughput / direct throughput: %.2f (median of "
        + "medians), %.2f (median of paired runs)%n", name, median(d) / median(m),
        medianOf(pairs));
  }

  private static double medianOf(List<Double> xs) {
    double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2.0;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static double median(List<Long> xs) {
    long[] a = xs.stream().mapToLong(Long::longValue).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2.0;
  }

  private static String key(String word, long lineNumber, boolean windowed) {
    return windowed ? word + "@" + (lineNumber / 60) : word;
  }

  /** The reference: one thread, a HashMap, the same splitting rule. */
  static Map<String, Long> plainLoop(List<String> lines, boolean windowed) {
    Map<String, Long> counts = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      for (String w : lines.get(i).split("[^\\p{L}]+")) {
        if (!w.isEmpty()) {
          counts.merge(key(w, i, windowed), 1L, Long::sum);
        }
      }
    }
    return counts;
  }

  /** Runs the pipeline on the given runner flags; returns the elapsed nanoseconds. */
  private static long run(List<String> lines, String[] flags, boolean windowed,
      Map<String, Long> expected) {
    SINK.clear();
    PipelineOptions options = PipelineOptionsFactory.fromArgs(flags).create();
    Pipeline p = Pipeline.create(options);
    List<KV<Long, String>> numbered = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      numbered.add(KV.of((long) i, lines.get(i)));
    }
    PCollection<String> words = p.apply(dev.millrace.transforms.Create.of(numbered))
        .apply("Stamp", ParDo.of(new DoFn<KV<Long, String>, String>() {
          @Override
          public void processElement(ProcessContext c) {
            c.outputWithTimestamp(c.element().getValue(),
                Instant.ofEpochSecond(c.element().getKey()));
          }
        }))
        .apply(FlatMapElements.into(TypeDescriptors.strings())
            .via((String line) -> Arrays.asList(line.split("[^\\p{L}]+"))))
        .apply(Filter.by((String w) -> !w.isEmpty()));
    if (windowed) {
      words = words.apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))));
    }
    words.apply(Count.perElement())
        .apply("Collect", ParDo.of(new DoFn<KV<String, Long>, Void>() {
          @Override
          public void processElement(ProcessContext c) {
            long window = windowed
                ? ((dev.millrace.windowing.IntervalWindow) c.window()).start().getEpochSecond() / 60
                : 0;
            SINK.merge(windowed ? c.element().getKey() + "@" + window : c.element().getKey(),
                c.element().getValue(), Long::sum);
          }
        }));
    long t0 = System.nanoTime();
    p.run().waitUntilFinish();
    long elapsed = System.nanoTime() - t0;
    if (!SINK.equals(expected)) {
      throw new IllegalStateException("the counts of " + Arrays.toString(flags)
          + (windowed ? " (windowed)" : "") + " differ from the plain loop's: " + SINK.size()
          + " keys instead of " + expected.size());
    }
    return elapsed;
  }

}
