package dev.millrace.runners.microbatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.Pipeline;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.Filter;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.FixedWindows;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Counting on the pre-combining path keeps Count's accumulators as primitive longs, and values
 * flow through the fused steps (element-wise ParDos, filters, window assignment) without being
 * re-wrapped: the panes are still exactly the windowing core's (values, windows, timestamps,
 * panes), with several tasks and batches, and the primitive accumulators survive a crash through
 * the checkpoint.
 */
class PrimitiveCountTest implements Serializable {
  private static final int N = 3000;
  private static final Map<String, List<String>> SINK = new ConcurrentHashMap<>();
  private static final AtomicInteger FAIL_AT = new AtomicInteger(-1);

  @TempDir
  transient Path dir;

  private interface Windowing extends Serializable {
    PCollection<String> apply(PCollection<String> in);
  }

  static Stream<Arguments> windowings() {
    return Stream.of(
        Arguments.of("global", (Windowing) in -> in),
        Arguments.of("fixed, end of window", (Windowing) in ->
            in.apply(Window.into(FixedWindows.of(Duration.ofMinutes(5))))),
        Arguments.of("fixed, earliest", (Windowing) in -> in.apply(
            Window.<String>into(FixedWindows.of(Duration.ofMinutes(5)))
                .withTimestampCombiner(TimestampCombiner.EARLIEST))),
        Arguments.of("sliding, latest (several windows per element)", (Windowing) in -> in.apply(
            Window.<String>into(SlidingWindows.of(Duration.ofMinutes(10)).every(
                Duration.ofMinutes(3))).withTimestampCombiner(TimestampCombiner.LATEST))));
  }

  /** Words "w" + i * i % 41 at i * 7 seconds, through a filter (values passed on unwrapped). */
  private static PCollection<String> words(Pipeline p) {
    List<Long> numbers = new ArrayList<>();
    for (long i = 0; i < N; i++) {
      numbers.add(i);
    }
    return p.apply(Create.of(numbers))
        .apply("Stamp", ParDo.of(new DoFn<Long, String>() {
          @Override
          public void processElement(ProcessContext c) {
            long i = c.element();
            if (i == FAIL_AT.get()) {
              FAIL_AT.set(-1);
              throw new IllegalStateException("simulated crash at element " + i);
            }
            c.outputWithTimestamp("w" + (i * i % 41), Instant.ofEpochSecond(i * 7));
          }
        }))
        .apply(Filter.by((String w) -> !w.equals("w3")));
  }

  /** Renders each count with its window, timestamp and pane. */
  static final class Render extends DoFn<KV<String, Long>, Void> {
    private final String run;

    Render(String run) {
      this.run = run;
    }

    @Override
    public void processElement(ProcessContext c) {
      SINK.computeIfAbsent(run, r -> Collections.synchronizedList(new ArrayList<>())).add(
          c.element().getKey() + "=" + c.element().getValue() + " " + c.window() + " "
              + c.timestamp() + " " + c.pane());
    }
  }

  private static List<String> run(String runId, Windowing w, String... flags) {
    SINK.remove(runId);
    List<String> all = new ArrayList<>(List.of("--runner=microbatch", "--maxBatchSize=211",
        "--parallelism=3"));
    all.addAll(List.of(flags));
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs(all.toArray(new String[0]))
        .create());
    w.apply(words(p)).apply(Count.perElement()).apply("Render", ParDo.of(new Render(runId)));
    p.run().waitUntilFinish();
    List<String> out = new ArrayList<>(SINK.getOrDefault(runId, List.of()));
    Collections.sort(out);
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("windowings")
  void primitiveCountsGiveTheCoresPanes(String name, Windowing w) {
    List<String> core = run(name + "/core", w, "--preCombine=false");
    List<String> fast = run(name + "/fast", w);
    assertThat(core).hasSizeGreaterThan(15); // 20 distinct words (squares mod 41, less one)
    assertThat(fast).isEqualTo(core);
  }

  @Test
  void primitiveAccumulatorsSurviveACrashThroughTheCheckpoint() {
    Windowing w = in -> in.apply(Window.into(FixedWindows.of(Duration.ofMinutes(5))));
    List<String> expected = run("crash/reference", w);
    String checkpoints = "--checkpointDir=" + dir.resolve("checkpoints");
    FAIL_AT.set(N * 3 / 4);
    assertThatThrownBy(() -> run("crash/first", w, checkpoints))
        .hasStackTraceContaining("simulated crash");
    assertThat(run("crash/resumed", w, checkpoints)).isEqualTo(expected);
  }
}
