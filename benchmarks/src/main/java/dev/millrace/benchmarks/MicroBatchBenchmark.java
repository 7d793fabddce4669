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
import java.util.concurrent.atomic.LongAdder;

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
 * <p>The sink that checks the results is part of every measured run. By default
 * ({@code --verify=checksum}) it folds each result into an order-independent checksum (each DoFn
 * instance sums locally and adds its sum at the end of the bundle), so the measurement is of the
 * runner rather than of a shared map; {@code --verify=map} instead collects every result into one
 * concurrent map, whose contended inserts then take a large share of every run.
 *
 * <pre>
 * java -cp ... dev.millrace.benchmarks.MicroBatchBenchmark [--words=5000000] [--distinct=100000]
 *     [--runs=5] [--warmup=2] [--dir=target/bench] [--parallelism=0] [--batchInterval=PT0.5S]
 *     [--only=wordcount|windowed] [--profile=direct|microbatch] [--verify=checksum|map]
 * </pre>
 */
public final class MicroBatchBenchmark {
  private MicroBatchBenchmark() {}

  /** Collected results of the last pipeline run, per key (the {@code --verify=map} sink). */
  static final Map<String, Long> SINK = new ConcurrentHashMap<>();
  /** The order-independent fingerprint of the last run's results ({@code --verify=checksum}). */
  static final LongAdder CHECKSUM = new LongAdder();
  /** The number of results of the last run ({@code --verify=checksum}). */
  static final LongAdder RESULTS = new LongAdder();

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
    checksumSink = !flags.getOrDefault("verify", "checksum").equals("map");
    System.out.println("results verified by " + (checksumSink
        ? "an order-independent checksum (a cheap sink; --verify=map for a concurrent map)"
        : "a concurrent map of every result (--verify=map)"));
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

  /** Whether results are checked by {@link #CHECKSUM} rather than {@link #SINK}. */
  private static boolean checksumSink = true;

  /** The fingerprint of one result: a word, its window (0 if not windowed) and its count. */
  static long fingerprint(String word, long window, long count) {
    long h = word.hashCode() * 0x9E3779B97F4A7C15L + window;
    h = mix(h);
    return mix(h ^ (count * 0xC2B2AE3D27D4EB4FL));
  }

  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    return h ^ (h >>> 33);
  }

  /** The checksum of the plain loop's results (keys are {@code word} or {@code word@window}). */
  private static long expectedChecksum(Map<String, Long> expected, boolean windowed) {
    long sum = 0;
    for (Map.Entry<String, Long> e : expected.entrySet()) {
      String k = e.getKey();
      int at = windowed ? k.lastIndexOf('@') : -1;
      String word = at < 0 ? k : k.substring(0, at);
      long window = at < 0 ? 0 : Long.parseLong(k.substring(at + 1));
      sum += fingerprint(word, window, e.getValue());
    }
    return sum;
  }

  /** The results sink: sums fingerprints per DoFn instance, adds them up per bundle. */
  private static final class ChecksumSink extends DoFn<KV<String, Long>, Void> {
    private final boolean windowed;
    private transient long sum;
    private transient long n;

    ChecksumSink(boolean windowed) {
      this.windowed = windowed;
    }

    @Override
    public void processElement(ProcessContext c) {
      long window = windowed
          ? ((dev.millrace.windowing.IntervalWindow) c.window()).start().getEpochSecond() / 60
          : 0;
      sum += fingerprint(c.element().getKey(), window, c.element().getValue());
      n++;
    }

    @Override
    public void finishBundle(FinishBundleContext c) {
      CHECKSUM.add(sum);
      RESULTS.add(n);
      sum = 0;
      n = 0;
    }
  }

  /** Runs the pipeline on the given runner flags; returns the elapsed nanoseconds. */
  private static long run(List<String> lines, String[] flags, boolean windowed,
      Map<String, Long> expected) {
    SINK.clear();
    CHECKSUM.reset();
    RESULTS.reset();
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
    PCollection<KV<String, Long>> counts = words.apply(Count.perElement());
    if (checksumSink) {
      counts.apply("Collect", ParDo.of(new ChecksumSink(windowed)));
    } else {
      counts.apply("Collect", ParDo.of(new DoFn<KV<String, Long>, Void>() {
          @Override
          public void processElement(ProcessContext c) {
            long window = windowed
                ? ((dev.millrace.windowing.IntervalWindow) c.window()).start().getEpochSecond() / 60
                : 0;
            SINK.merge(windowed ? c.element().getKey() + "@" + window : c.element().getKey(),
                c.element().getValue(), Long::sum);
          }
        }));
    }
    long t0 = System.nanoTime();
    p.run().waitUntilFinish();
    long elapsed = System.nanoTime() - t0;
    if (checksumSink) {
      if (RESULTS.sum() != expected.size()
          || CHECKSUM.sum() != expectedChecksum(expected, windowed)) {
        throw new IllegalStateException("the counts of " + Arrays.toString(flags)
            + (windowed ? " (windowed)" : "") + " differ from the plain loop's: " + RESULTS.sum()
            + " results instead of " + expected.size() + ", or a different checksum");
      }
    } else if (!SINK.equals(expected)) {
      throw new IllegalStateException("the counts of " + Arrays.toString(flags)
          + (windowed ? " (windowed)" : "") + " differ from the plain loop's: " + SINK.size()
          + " keys instead of " + expected.size());
    }
    return elapsed;
  }

}
