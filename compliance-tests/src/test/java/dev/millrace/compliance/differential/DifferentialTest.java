package dev.millrace.compliance.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.Pipeline;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.compliance.capability.RunnerCapabilities;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.runners.Capability;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Differential testing: seeded random pipelines (map, filter, flat-map, flatten, timestamp shifts,
 * fixed/sliding/session windows, GroupByKey, Combine sum/count and side inputs) over random,
 * out-of-order timestamped inputs run on the runner under test ({@code -Drunner}), under several
 * option variants, and must give exactly the output of {@link ReferenceEvaluator} (canonical
 * strings with value, timestamp and window). Since every runner's execution compares against the
 * same answer, all runners agree with each other when the suite passes.
 *
 * <p>Only features the runner declares are generated. {@code -Ddifferential.cases=N} (default 200)
 * sets the number of cases, {@code -Ddifferential.baseSeed=N} picks other cases, and {@code
 * -Ddifferential.seed=N} replays the single case a failure printed.
 */
class DifferentialTest {
  static final String SEED_PROPERTY = "differential.seed";
  private static final long DEFAULT_BASE_SEED = 20_240_601L;

  static LongStream seeds() {
    return seeds(Integer.getInteger("differential.cases", 200), 0);
  }

  static LongStream sessionSeeds() {
    return seeds(50, 1_000_000);
  }

  static LongStream windowedSideInputSeeds() {
    return seeds(25, 2_000_000);
  }

  private static LongStream seeds(int count, long offset) {
    String replay = System.getProperty(SEED_PROPERTY);
    if (replay != null && !replay.isBlank()) {
      return LongStream.of(Long.parseLong(replay.trim()));
    }
    return baseSeeds(count, offset);
  }

  /** The seeds of a whole run, ignoring a replay request. */
  private static LongStream baseSeeds(int count, long offset) {
    long base = Long.getLong("differential.baseSeed", DEFAULT_BASE_SEED);
    return LongStream.range(0, count).map(i -> base + offset + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void generatedPipelineMatchesTheReference(long seed) {
    RunnerCapabilities runner = RunnerCapabilities.current();
    GeneratedCase c = new CaseGenerator(Features.of(runner.declared())).generate(seed);
    check(runner.runner(), c);
  }

  @Requires(Capability.MERGING_WINDOWS)
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("sessionSeeds")
  void generatedPipelineWithSessionsMatchesTheReference(long seed) {
    RunnerCapabilities runner = RunnerCapabilities.current();
    GeneratedCase c = new CaseGenerator(Features.of(runner.declared()))
        .generate(seed, List.of(new Step.SessionsInto(1_001 + 2_000 * (seed % 3))));
    check(runner.runner(), c);
  }

  @Requires({Capability.SIDE_INPUTS, Capability.WINDOWED_SIDE_INPUTS})
  @ParameterizedTest(name = "seed {0}")
  @MethodSource("windowedSideInputSeeds")
  void generatedPipelineWithWindowedSideInputsMatchesTheReference(long seed) {
    RunnerCapabilities runner = RunnerCapabilities.current();
    GeneratedCase c = new CaseGenerator(Features.of(runner.declared()))
        .generate(seed, List.of(new Step.FixedWindowsInto(10_000), new Step.AddSideInput(true)));
    check(runner.runner(), c);
  }

  @Test
  void theGeneratorCoversEveryStepKind() {
    Features all = new Features(true, true, true, true);
    Map<Class<?>, Integer> kinds = new HashMap<>();
    baseSeeds(200, 0).forEach(seed -> new CaseGenerator(all).generate(seed).steps()
        .forEach(s -> kinds.merge(s.getClass(), 1, Integer::sum)));
    assertThat(kinds.keySet()).containsExactlyInAnyOrder(Step.class.getPermittedSubclasses());
  }

  @Test
  void mostGeneratedCasesHaveOutput() {
    Features all = new Features(true, true, false, false);
    long withOutput = baseSeeds(200, 0).filter(seed ->
        !ReferenceEvaluator.evaluate(new CaseGenerator(all).generate(seed)).isEmpty()).count();
    assertThat(withOutput).isGreaterThan(140);
  }

  @Test
  void theGeneratorUsesOnlyDeclaredFeatures() {
    Features core = new Features(false, false, false, false);
    baseSeeds(200, 0).forEach(seed -> assertThat(new CaseGenerator(core).generate(seed).steps())
        .noneMatch(s -> s instanceof Step.CombineSum || s instanceof Step.CountPerKey
            || s instanceof Step.AddSideInput || s instanceof Step.SessionsInto));
  }

  @Test
  void aWrongAnswerIsReportedWithTheSeedToReplay() {
    GeneratedCase c = new CaseGenerator(new Features(true, true, false, false)).generate(7);
    List<String> wrong = new ArrayList<>(ReferenceEvaluator.evaluate(c));
    wrong.add("z=1@0 in global");
    String message = Differences.describe("direct", List.of("--targetParallelism=1"), c,
        ReferenceEvaluator.evaluate(c), wrong);
    assertThat(message).contains("-D" + SEED_PROPERTY + "=7")
        .contains("Unexpected: [z=1@0 in global]").contains("--targetParallelism=1");
  }

  /** Runs {@code c} on {@code runner} under each option variant and compares with the reference. */
  private static void check(String runner, GeneratedCase c) {
    List<String> expected = ReferenceEvaluator.evaluate(c);
    for (List<String> flags : variants(runner, c.seed())) {
      List<String> actual;
      try {
        actual = run(runner, flags, c);
      } catch (RuntimeException e) {
        throw new AssertionError(Differences.describe(runner, flags, c, expected, null)
            + "\nThe pipeline failed: " + e, e);
      }
      if (!actual.equals(expected)) {
        throw new AssertionError(Differences.describe(runner, flags, c, expected, actual));
      }
    }
  }

  /** The option variants a case runs under: the defaults, and another parallelism for direct. */
  static List<List<String>> variants(String runner, long seed) {
    List<List<String>> variants = new ArrayList<>();
    variants.add(List.of());
    if (runner.equals("direct")) {
      variants.add(List.of("--targetParallelism=" + (seed % 2 == 0 ? 1 : 3)));
    }
    return variants;
  }

  private static List<String> run(String runner, List<String> flags, GeneratedCase c) {
    List<String> args = new ArrayList<>(flags);
    args.add("--runner=" + runner);
    Pipeline p =
        Pipeline.create(PipelineOptionsFactory.fromArgs(args.toArray(new String[0])).create());
    String sink = OutputSink.open();
    try {
      PipelineBuilder.build(p, c, sink);
      p.run().waitUntilFinish();
      return OutputSink.close(sink);
    } finally {
      OutputSink.close(sink);
    }
  }
}
