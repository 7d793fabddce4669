package dev.millrace.compliance.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.compliance.capability.Requires;
import dev.millrace.compliance.capability.RunnerCapabilities;
import dev.millrace.runners.Capability;
import dev.millrace.testing.internal.TestOptionsArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential testing of streaming semantics: seeded random {@link StreamScript TestStream
 * scripts} (out-of-order elements, late and droppable elements, watermark and processing-time
 * advances) read by random {@link StreamBranch pipelines} (element-wise steps, every window
 * function with random triggers, accumulation, lateness, timestamp combiners, GroupByKey and
 * Combine, side inputs). Each case runs on the direct runner (the baseline, one thread) and on the
 * runner under test ({@code -Drunner}); their captured panes (values, window, timestamp, timing,
 * indexes, first/last) must be equal. When the runner under test is the direct runner itself, it
 * runs with three threads, so nondeterminism shows up as a disagreement.
 *
 * <p>For speed, the {@value #BRANCHES} cases of one seed are branches of one pipeline reading one
 * TestStream, run once per runner. {@code -Ddifferential.streamCases=N} (default 200) sets the
 * number of cases, {@code -Ddifferential.baseSeed=N} picks other seeds, {@code
 * -Ddifferential.seed=S} replays the cases of seed S, and {@code -Ddifferential.case=K} with it
 * replays case K alone (as a pipeline of one branch). Scripts use three keys; {@code
 * -Ddifferential.keys=1} restricts them to one. {@code -Ddifferential.flattenBeforeGrouping=false}
 * and {@code -Ddifferential.regroup=false} switch off a Flatten before the grouping and second
 * groupings ({@link StreamCaseGenerator.Knobs}), to narrow a disagreement down.
 */
class StreamDifferentialTest {
  static final String CASE_PROPERTY = "differential.case";
  static final int BRANCHES = 10;
  private static final long DEFAULT_BASE_SEED = 20_240_601L;
  private static final long SEED_OFFSET = 3_000_000;
  /** Each batch's runs, by seed and replayed case (-1 for all), computed once. */
  private static final Map<String, StreamRun[]> RUNS = new ConcurrentHashMap<>();

  static Stream<Arguments> cases() {
    String replay = System.getProperty(DifferentialTest.SEED_PROPERTY);
    if (replay != null && !replay.isBlank()) {
      long seed = Long.parseLong(replay.trim());
      Integer only = Integer.getInteger(CASE_PROPERTY);
      return (only != null ? IntStream.of(only) : IntStream.range(0, BRANCHES))
          .mapToObj(i -> Arguments.of(seed, i));
    }
    int count = Integer.getInteger("differential.streamCases", 200);
    long base = Long.getLong("differential.baseSeed", DEFAULT_BASE_SEED) + SEED_OFFSET;
    return IntStream.range(0, count)
        .mapToObj(i -> Arguments.of(base + i / BRANCHES, i % BRANCHES));
  }

  @Requires({Capability.TEST_STREAM, Capability.TRIGGERS, Capability.PROCESSING_TIME})
  @ParameterizedTest(name = "seed {0} case {1}")
  @MethodSource("cases")
  void generatedStreamingCaseAgreesWithTheDirectRunner(long seed, int caseIndex) {
    RunnerCapabilities runner = RunnerCapabilities.current();
    StreamBatch full = generator(runner).generate(seed, BRANCHES);
    boolean alone = System.getProperty(DifferentialTest.SEED_PROPERTY) != null
        && Integer.getInteger(CASE_PROPERTY) != null;
    StreamBatch batch = alone ? full.only(caseIndex) : full;
    int index = alone ? 0 : caseIndex;
    StreamRun[] runs = RUNS.computeIfAbsent(seed + "/" + (alone ? caseIndex : -1),
        k -> run(runner.runner(), batch));
    if (!StreamRun.agree(runs[0], runs[1], index)) {
      throw new AssertionError(
          StreamRun.describe(batch, index, caseIndex, runner.runner(), runs[0], runs[1]),
          runs[1].failure() != null ? runs[1].failure() : runs[0].failure());
    }
  }

  static StreamCaseGenerator generator(RunnerCapabilities runner) {
    return new StreamCaseGenerator(Features.of(runner.declared()),
        StreamCaseGenerator.Knobs.fromSystemProperties());
  }

  /** The baseline run on the direct runner, then the run on the runner under test. */
  private static StreamRun[] run(String runner, StreamBatch batch) {
    List<String> baseline = List.of("--runner=direct", "--targetParallelism=1");
    List<String> underTest = TestOptionsArgs.fromSystemProperties();
    if (underTest.stream().noneMatch(f -> f.startsWith("--runner="))) {
      underTest = StreamRun.withFlag(underTest, "--runner=" + runner);
    }
    if (runner.equals("direct")
        && underTest.stream().noneMatch(f -> f.startsWith("--targetParallelism="))) {
      underTest = StreamRun.withFlag(underTest, "--targetParallelism=3");
    }
    StreamRun[] runs = {StreamRun.of(batch, baseline), StreamRun.of(batch, underTest)};
    TIMINGS.add(new long[] {runs[0].millis(), runs[1].millis()});
    return runs;
  }

  private static final List<long[]> TIMINGS = new ArrayList<>();

  @AfterAll
  static void printTimings() {
    long base = TIMINGS.stream().mapToLong(t -> t[0]).sum();
    long test = TIMINGS.stream().mapToLong(t -> t[1]).sum();
    System.out.println("StreamDifferentialTest: " + TIMINGS.size() + " batches; baseline (direct) "
        + base + " ms, runner under test " + test + " ms");
    TIMINGS.clear();
    RUNS.clear();
  }
}
