package dev.millrace.runners.microbatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.Pipeline;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.runners.core.ExecutionGraph;
import dev.millrace.transforms.Combine;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.Mean;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Sum;
import dev.millrace.transforms.Top;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.ClosingBehavior;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.PaneInfo;
import dev.millrace.windowing.Sessions;
import dev.millrace.windowing.SlidingWindows;
import dev.millrace.windowing.TimestampCombiner;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pre-combining path of Combine.perKey ({@code --preCombine}, on by default) gives exactly
 * the panes of the windowing core's path (values, windows, timestamps, pane infos), for every
 * windowing it accepts; it is part of the checkpoint; and it is not used where the core must run
 * (merging windows, non-default triggers).
 */
class PreCombineTest implements Serializable {
  private static final int N = 2000;
  /** Rendered output panes per run id. */
  private static final Map<String, List<String>> SINK = new ConcurrentHashMap<>();
  private static final AtomicInteger FAIL_AT = new AtomicInteger(-1);

  @TempDir
  transient Path dir;

  /** The records the last run read (a resumed run reads only what was not committed). */
  private transient long lastRecordsIn;

  /** A keyed, timestamped input: i -> KV("k" + i % 37, i) at i * 7 seconds. */
  private static PCollection<KV<String, Long>> input(Pipeline p) {
    List<Long> numbers = new ArrayList<>();
    for (long i = 0; i < N; i++) {
      numbers.add(i);
    }
    return p.apply(Create.of(numbers))
        .apply("KeyAndStamp", ParDo.of(new DoFn<Long, KV<String, Long>>() {
          @Override
          public void processElement(ProcessContext c) {
            long i = c.element();
            if (i == FAIL_AT.get()) {
              FAIL_AT.set(-1);
              throw new IllegalStateException("simulated crash at element " + i);
            }
            c.outputWithTimestamp(KV.of("k" + (i % 37), i), Instant.ofEpochSecond(i * 7));
          }
        }));
  }

  /** Renders each output element with its window, timestamp and pane into the sink. */
  static final class Render<V> extends DoFn<KV<String, V>, Void> {
    private final String run;

    Render(String run) {
      this.run = run;
    }

    @Override
    public void processElement(ProcessContext c) {
      PaneInfo pane = c.pane();
      SINK.computeIfAbsent(run, r -> Collections.synchronizedList(new ArrayList<>())).add(
          c.element().getKey() + "=" + c.element().getValue() + " " + c.window() + " "
              + c.timestamp() + " " + pane);
    }
  }

  private interface Case extends Serializable {
    PCollection<? extends KV<String, ?>> apply(PCollection<KV<String, Long>> in);
  }

  static Stream<Arguments> windowings() {
    return Stream.of(
        Arguments.of("global sum", (Case) in -> in.apply(Sum.longsPerKey())),
        Arguments.of("global count of keys", (Case) in -> in
            .apply(dev.millrace.transforms.Keys.create())
            .apply(Count.perElement())),
        Arguments.of("fixed windows, end of window", (Case) in -> in
            .apply(Window.into(FixedWindows.of(Duration.ofMinutes(5))))
            .apply(Sum.longsPerKey())),
        Arguments.of("fixed windows, earliest", (Case) in -> in
            .apply(Window.<KV<String, Long>>into(FixedWindows.of(Duration.ofMinutes(5)))
                .withTimestampCombiner(TimestampCombiner.EARLIEST))
            .apply(Mean.perKey())),
        Arguments.of("sliding windows, latest", (Case) in -> in
            .apply(Window.<KV<String, Long>>into(
                    SlidingWindows.of(Duration.ofMinutes(10)).every(Duration.ofMinutes(3)))
                .withTimestampCombiner(TimestampCombiner.LATEST))
            .apply(Top.largestPerKey(3))),
        Arguments.of("lateness, closing always", (Case) in -> in
            .apply(Window.<KV<String, Long>>into(FixedWindows.of(Duration.ofMinutes(5)))
                .withAllowedLateness(Duration.ofMinutes(30))
                .withClosingBehavior(ClosingBehavior.FIRE_ALWAYS)
                .accumulatingFiredPanes())
            .apply(Combine.perKey((Iterable<Long> xs) -> {
              long max = Long.MIN_VALUE;
              for (long x : xs) {
                max = Math.max(max, x);
              }
              return max;
            }))));
  }

  private List<String> run(String runId, Case c, String... flags) {
    SINK.remove(runId);
    List<String> all = new ArrayList<>(List.of("--runner=microbatch", "--maxBatchSize=97",
        "--parallelism=3"));
    all.addAll(List.of(flags));
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs(all.toArray(new String[0]))
        .create());
    applyRender(c.apply(input(p)), runId);
    MicroBatchPipelineResult result = (MicroBatchPipelineResult) p.run();
    result.waitUntilFinish();
    lastRecordsIn = result.batches().stream().mapToLong(BatchMetrics::recordsIn).sum();
    List<String> out = new ArrayList<>(SINK.getOrDefault(runId, List.of()));
    Collections.sort(out);
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void applyRender(PCollection<? extends KV<String, ?>> out, String runId) {
    ((PCollection) out).apply("Render", ParDo.of(new Render<>(runId)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("windowings")
  void preCombiningGivesTheCoresPanes(String name, Case c) {
    List<String> core = run(name + "/core", c, "--preCombine=false");
    List<String> fast = run(name + "/fast", c);
    assertThat(core).isNotEmpty();
    assertThat(fast).isEqualTo(core);
  }

  @Test
  void thePathIsChosenOnlyForDefaultTriggersAndNonMergingWindows() {
    assertThat(boundaryKinds(in -> in.apply(Sum.longsPerKey()), "--runner=microbatch"))
        .containsExactly("LiftedCombine");
    assertThat(boundaryKinds(in -> in.apply(Sum.longsPerKey()), "--runner=microbatch",
        "--preCombine=false")).containsExactly("KeyedGrouping");
    assertThat(boundaryKinds(in -> in
        .apply(Window.into(Sessions.withGapDuration(Duration.ofMinutes(1))))
        .apply(Sum.longsPerKey()), "--runner=microbatch")).containsExactly("KeyedGrouping");
    assertThat(boundaryKinds(in -> in.apply(GroupByKey.create()), "--runner=microbatch"))
        .containsExactly("KeyedGrouping");
  }

  private static List<String> boundaryKinds(
      Function<PCollection<KV<String, Long>>, PCollection<?>> f, String... flags) {
    MicroBatchOptions options =
        PipelineOptionsFactory.fromArgs(flags).create().as(MicroBatchOptions.class);
    Pipeline p = Pipeline.create(options);
    f.apply(input(p));
    MicroBatchExecutor ex = new MicroBatchExecutor(
        ExecutionGraph.of(p, true), options, new MicroBatchPipelineResult());
    return ex.boundaries.values().stream().map(b -> b.getClass().getSimpleName()).toList();
  }

  @Test
  void pendingAccumulatorsSurviveACrashThroughTheCheckpoint() {
    Case c = in -> in
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(5))))
        .apply(Sum.longsPerKey());
    List<String> expected = run("crash/reference", c);
    String checkpoints = "--checkpointDir=" + dir.resolve("checkpoints");
    FAIL_AT.set(N * 3 / 4);
    assertThatThrownBy(() -> run("crash/first", c, checkpoints))
        .hasStackTraceContaining("simulated crash");
    assertThat(SINK.getOrDefault("crash/first", List.of())).isEmpty();
    assertThat(run("crash/resumed", c, checkpoints)).isEqualTo(expected);
    assertThat(lastRecordsIn).as("records read after the restart").isLessThan(N / 2);
  }
}
