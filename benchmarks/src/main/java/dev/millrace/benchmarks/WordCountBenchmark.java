package dev.millrace.benchmarks;

import dev.millrace.Pipeline;
import dev.millrace.io.TextIO;
import dev.millrace.options.PipelineOptions;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.Filter;
import dev.millrace.transforms.FlatMapElements;
import dev.millrace.transforms.MapElements;
import dev.millrace.values.TypeDescriptors;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * WordCount throughput, measured as ratios against a plain single-threaded Java loop (HashMap)
 * over the same generated input, in one invocation: the direct runner with its model checks off
 * (the fast path) and on (the default). Runs are interleaved and repeated; the median is reported.
 * Every run's output is checked against the plain loop's counts.
 *
 * <pre>
 * mvn -q -DskipTests install &amp;&amp; java -cp ... dev.millrace.benchmarks.WordCountBenchmark \
 *     [--words=20000000] [--distinct=100000] [--runs=3] [--dir=target/bench]
 * </pre>
 */
public final class WordCountBenchmark {
  private WordCountBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> flags = new HashMap<>();
    for (String a : args) {
      String[] kv = a.replaceFirst("^--", "").split("=", 2);
      flags.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    long words = Long.parseLong(flags.getOrDefault("words", "20000000"));
    int distinct = Integer.parseInt(flags.getOrDefault("distinct", "100000"));
    int runs = Integer.parseInt(flags.getOrDefault("runs", "3"));
    Path dir = Path.of(flags.getOrDefault("dir", "target/bench")).toAbsolutePath();
    Path input = dir.resolve("words-" + words + "-" + distinct + ".txt");
    if (!Files.exists(input)) {
      System.out.printf("generating %,d words over %,d distinct words into %s%n", words, distinct, input);
      ZipfWords.generate(input, words, distinct, 42);
    }
    System.out.printf("input: %s (%,d bytes), %d cores%n", input, Files.size(input),
        Runtime.getRuntime().availableProcessors());

    Map<String, Long> expected = plainLoop(input, dir.resolve("plain.txt"));
    // Warm-up of every contestant, not measured.
    runPipeline(input, dir.resolve("warm-off"), false);
    runPipeline(input, dir.resolve("warm-on"), true);

    List<Long> plain = new ArrayList<>();
    List<Long> off = new ArrayList<>();
    List<Long> on = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      plainLoop(input, dir.resolve("plain.txt"));
      plain.add(System.nanoTime() - t0);
      t0 = System.nanoTime();
      runPipeline(input, dir.resolve("off"), false);
      off.add(System.nanoTime() - t0);
      check(expected, dir.resolve("off"));
      t0 = System.nanoTime();
      runPipeline(input, dir.resolve("on"), true);
      on.add(System.nanoTime() - t0);
      check(expected, dir.resolve("on"));
    }
    double p = median(plain);
    System.out.printf("%-34s %8.0f ms  ratio %.2f%n", "plain Java loop (1 thread)", p / 1e6, 1.0);
    System.out.printf("%-34s %8.0f ms  ratio %.2f%n", "direct runner, checks off", median(off) / 1e6,
        median(off) / p);
    System.out.printf("%-34s %8.0f ms  ratio %.2f%n", "direct runner, checks on", median(on) / 1e6,
        median(on) / p);
  }

  private static double median(List<Long> xs) {
    long[] a = xs.stream().mapToLong(Long::longValue).sorted().toArray();
    return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2.0;
  }

  /** The reference: one thread, a HashMap, the same splitting rule and output format. */
  static Map<String, Long> plainLoop(Path input, Path output) throws IOException {
    Map<String, Long> counts = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        for (String w : line.split("[^\\p{L}]+")) {
          if (!w.isEmpty()) {
            counts.merge(w, 1L, Long::sum);
          }
        }
      }
    }
    try (BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, Long> e : counts.entrySet()) {
        out.write(e.getKey() + ": " + e.getValue());
        out.write('\n');
      }
    }
    return counts;
  }

  static void runPipeline(Path input, Path outDir, boolean checks) throws IOException {
    deleteDir(outDir);
    PipelineOptions options = PipelineOptionsFactory.fromArgs(
        "--runner=direct",
        "--enforceImmutability=" + checks,
        "--enforceEncodability=" + checks).create();
    Pipeline p = Pipeline.create(options);
    p.apply(TextIO.read().from(input.toString()))
        .apply(FlatMapElements.into(TypeDescriptors.strings())
            .via((String line) -> Arrays.asList(line.split("[^\\p{L}]+"))))
        .apply(Filter.by((String w) -> !w.isEmpty()))
        .apply(Count.perElement())
        .apply(MapElements.into(TypeDescriptors.strings()).via(kv -> kv.getKey() + ": " + kv.getValue()))
        .apply(TextIO.write().to(outDir.resolve("counts").toString()));
    p.run().waitUntilFinish();
  }

  private static void check(Map<String, Long> expected, Path outDir) throws IOException {
    Map<String, Long> actual = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(outDir, "counts-*")) {
      for (Path f : files) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          int i = line.lastIndexOf(": ");
          actual.merge(line.substring(0, i), Long.parseLong(line.substring(i + 2)), Long::sum);
        }
      }
    }
    if (!actual.equals(new TreeMap<>(expected))) {
      throw new IllegalStateException("the pipeline's counts in " + outDir + " differ from the plain loop's");
    }
  }

  private static void deleteDir(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    Files.createDirectories(dir);
  }
}
