package dev.millrace.runners.microbatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GenerateSequence;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Read;
import dev.millrace.transforms.Window;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.Timestamps;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unbounded sources on the micro-batch runner: read in batches until every split's watermark
 * reaches the end of time; an idle split follows its reader's watermark and does not hold back
 * the others; a never-ending source runs until cancelled; checkpoint marks are finalized after
 * their batch; a restart from --checkpointDir resumes from the marks without loss or duplicates.
 */
class UnboundedReadingTest implements Serializable {
  /** What the collecting sinks saw, by run id. */
  private static final Map<String, Queue<String>> SEEN = new ConcurrentHashMap<>();

  @RegisterExtension
  final transient TestPipeline p = TestPipeline.fromOptions(PipelineOptionsFactory.fromArgs(
      "--runner=microbatch", "--maxBatchSize=50", "--parallelism=2", "--batchInterval=PT0.05S")
      .create());

  @TempDir
  transient Path dir;

  private static Pipeline pipeline(String... extraFlags) {
    List<String> flags = new ArrayList<>(List.of("--runner=microbatch", "--parallelism=2",
        "--batchInterval=PT0.05S"));
    Collections.addAll(flags, extraFlags);
    return Pipeline.create(PipelineOptionsFactory.fromArgs(flags.toArray(String[]::new)).create());
  }

  /** Collects each element's string form under the run id. */
  private static final class Collect<T> extends DoFn<T, Void> {
    private final String runId;

    Collect(String runId) {
      this.runId = runId;
    }

    @Override
    public void processElement(ProcessContext c) {
      SEEN.computeIfAbsent(runId, k -> new ConcurrentLinkedQueue<>())
          .add(String.valueOf(c.element()));
    }
  }

  private static List<String> seen(String runId) {
    List<String> out = new ArrayList<>(SEEN.getOrDefault(runId, new ConcurrentLinkedQueue<>()));
    Collections.sort(out);
    return out;
  }

  /** Waits (up to a minute, as a guard against hanging) until the condition holds. */
  private static void await(BooleanSupplier condition) throws InterruptedException {
    long giveUp = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not reached within a minute").isLessThan(giveUp);
      Thread.sleep(10);
    }
  }

  private static PCollection<String> countsPerTenSeconds(PCollection<Long> numbers) {
    return numbers.apply(Window.<Long>into(FixedWindows.of(Duration.ofSeconds(10))))
        .apply(Count.<Long>globally().withoutDefaults())
        .apply(ParDo.of(new DoFn<Long, String>() {
          @Override
          public void processElement(ProcessContext c) {
            c.output(c.window() + "=" + c.element());
          }
        }));
  }

  @Test
  void windowedCountOfAFiniteUnboundedSequenceEndsWithExactCounts() {
    // 1000 values at 100 ms of event time each: ten windows of 10 s with 100 values each.
    PCollection<Long> numbers = p.apply(GenerateSequence.from(0).to(1000)
        .withRate(20_000, Duration.ofSeconds(1))
        .withTimestampFn(n -> Instant.ofEpochMilli(n * 100)));
    PCollection<Long> counts =
        numbers.apply(Window.<Long>into(FixedWindows.of(Duration.ofSeconds(10))))
            .apply(Count.<Long>globally().withoutDefaults());
    PAssert.that(counts).containsInAnyOrder(Collections.nCopies(10, 100L));
    MicroBatchPipelineResult result = (MicroBatchPipelineResult) p.run();

    assertThat(result.getState()).isEqualTo(PipelineResult.State.DONE);
    List<BatchMetrics> batches = result.batches();
    assertThat(batches).hasSizeGreaterThanOrEqualTo(1000 / 50);
    assertThat(batches).allSatisfy(b -> assertThat(b.recordsIn()).isLessThanOrEqualTo(50));
    // PAssert adds a few records of its own from small bounded sources.
    assertThat(batches.stream().mapToLong(BatchMetrics::recordsIn).sum()).isBetween(1000L, 1005L);
    assertThat(batches.get(batches.size() - 1).watermarkMillis()).isEqualTo(Timestamps.MAX);
  }

  @Test
  void cancelStopsANeverEndingSource() throws Exception {
    Pipeline pipeline = pipeline();
    pipeline.apply(GenerateSequence.from(0).withRate(1000, Duration.ofSeconds(1)))
        .apply(ParDo.of(new Collect<>("never-ending")));
    MicroBatchPipelineResult result = (MicroBatchPipelineResult) pipeline.run();

    assertThat(result.waitUntilFinish(Duration.ofMillis(100)))
        .isEqualTo(PipelineResult.State.RUNNING);
    await(() -> result.batches().size() >= 3 && !seen("never-ending").isEmpty());
    assertThat(result.cancel()).isEqualTo(PipelineResult.State.CANCELLED);
    assertThat(result.waitUntilFinish()).isEqualTo(PipelineResult.State.CANCELLED);
    assertThat(result.batches()).allSatisfy(
        b -> assertThat(b.watermarkMillis()).isLessThan(Timestamps.MAX));
  }

  @Test
  void anIdleSplitFollowsItsWatermarkAndDoesNotHoldBackTheOthers() throws Exception {
    String run = "idle-" + UUID.randomUUID();
    Pipeline pipeline = pipeline("--maxBatchSize=7");
    // The data split's 25 values (1 s apart) fill three 10-second windows; the idle split never
    // ends, but its watermark (the wall clock) lets those windows fire.
    countsPerTenSeconds(pipeline.apply(Read.from(new ScriptedUnboundedSource(run, 25))))
        .apply(ParDo.of(new Collect<>(run)));
    PipelineResult result = pipeline.run();

    await(() -> seen(run).size() >= 3);
    assertThat(result.getState()).isEqualTo(PipelineResult.State.RUNNING);
    assertThat(result.cancel()).isEqualTo(PipelineResult.State.CANCELLED);
    assertThat(seen(run)).containsExactly(
        "[1970-01-01T00:00:00Z..1970-01-01T00:00:10Z)=10",
        "[1970-01-01T00:00:10Z..1970-01-01T00:00:20Z)=10",
        "[1970-01-01T00:00:20Z..1970-01-01T00:00:30Z)=5");
  }

  @Test
  void marksAreFinalizedInOrderUpToTheEnd() {
    String run = "final-" + UUID.randomUUID();
    Pipeline pipeline = pipeline("--maxBatchSize=7", "--checkpointDir=" + dir.resolve("cp"));
    pipeline.apply(Read.from(new ScriptedUnboundedSource(run, 40)))
        .apply(ParDo.of(new Collect<>(run)));
    PipelineResult result = pipeline.run();
    try {
      await(() -> seen(run).size() == 40
          && ScriptedUnboundedSource.finalized(run, 0).contains(40L));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    } finally {
      result.cancel();
    }
    List<Long> marks = ScriptedUnboundedSource.finalized(run, 0);
    // One mark per batch (at most 7 elements each), finalized in order.
    assertThat(marks).isSorted().hasSizeGreaterThanOrEqualTo(40 / 7);
    assertThat(marks.get(marks.size() - 1)).isEqualTo(40L);
  }

  @Test
  void aRestartFromTheCheckpointResumesFromTheMarksWithoutLossOrDuplication() throws Exception {
    String run = "restart-" + UUID.randomUUID();
    String checkpointDir = "--checkpointDir=" + dir.resolve("cp");
    MicroBatchPipelineResult first = runScripted(run, run + "/first", checkpointDir);
    await(() -> seen(run + "/first").size() >= 20);
    assertThat(first.cancel()).isEqualTo(PipelineResult.State.CANCELLED);
    List<String> before = seen(run + "/first");
    assertThat(before).hasSize(20);
    ScriptedUnboundedSource.RESUMED.add(run);

    MicroBatchPipelineResult second = runScripted(run, run + "/second", checkpointDir);
    await(() -> before.size() + seen(run + "/second").size() >= 40);
    second.cancel();
    List<String> all = new ArrayList<>(before);
    all.addAll(seen(run + "/second"));
    List<String> expected = new ArrayList<>();
    for (long v = 0; v < 40; v++) {
      expected.add(String.valueOf(v));
    }
    assertThat(all).containsExactlyInAnyOrderElementsOf(expected);
    List<BatchMetrics> firstBatches = first.batches();
    assertThat(second.batches().get(0).batchId())
        .isEqualTo(firstBatches.get(firstBatches.size() - 1).batchId() + 1);
  }

  private static MicroBatchPipelineResult runScripted(String sourceRun, String sinkRun,
      String checkpointDir) {
    Pipeline pipeline = pipeline("--maxBatchSize=7", checkpointDir);
    pipeline.apply(Read.from(new ScriptedUnboundedSource(sourceRun, 40).pausingAt(20)))
        .apply(ParDo.of(new Collect<>(sinkRun)));
    return (MicroBatchPipelineResult) pipeline.run();
  }
}
