package dev.millrace.runners.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GenerateSequence;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Sum;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.IntervalWindow;
import dev.millrace.windowing.TimestampCombiner;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A grouping's windows survive a failure in STREAMING mode with their watermark holds: after the
 * restart from the last checkpoint, a window that was open holds the output watermark at its
 * earliest element again, so its pane (stamped with that element's time) is on time downstream,
 * in one-second windows that start there. Were the hold lost, the output watermark would run
 * ahead to the input's and the downstream grouping would drop the pane as late.
 */
class FlinkGroupingRecoveryTest implements Serializable {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final long ELEMENTS = 6000;
  private static final long FAIL_AT = 4600;
  private static final AtomicLong SEEN = new AtomicLong();
  private static final AtomicBoolean FAILED = new AtomicBoolean();

  private static final AtomicLong EARLY_SEEN = new AtomicLong();

  /**
   * Keys the numbers below {@code early} "early" (counting them in {@link #EARLY_SEEN}), the
   * others by their remainder mod 4, each worth 1; fails once, at {@link #FAIL_AT}.
   */
  static final class KeyThenFailOnce extends DoFn<Long, KV<String, Long>> {
    private final long early;

    KeyThenFailOnce(long early) {
      this.early = early;
    }

    @Override
    public void processElement(ProcessContext c) {
      if (SEEN.incrementAndGet() >= FAIL_AT && FAILED.compareAndSet(false, true)) {
        throw new IllegalStateException("injected failure after " + FAIL_AT + " elements");
      }
      if (c.element() < early) {
        EARLY_SEEN.incrementAndGet();
        c.output(KV.of("early", 1L));
      } else {
        c.output(KV.of("k" + c.element() % 4, 1L));
      }
    }
  }

  static final class Describe extends DoFn<KV<String, Long>, String> {
    @Override
    public void processElement(ProcessContext c) {
      IntervalWindow w = (IntervalWindow) c.window();
      c.output(c.element().getKey() + "@" + w.start().getEpochSecond() + " " + c.element().getValue());
    }
  }

  /** Numbers stamped with their value in seconds, keyed mod 4, failing once; checkpointed. */
  private static PCollection<KV<String, Long>> keyedNumbersFailingOnce(Pipeline p) {
    return keyedNumbersFailingOnce(p, 0);
  }

  /** The same, with the numbers below {@code early} keyed "early". */
  private static PCollection<KV<String, Long>> keyedNumbersFailingOnce(Pipeline p, long early) {
    SEEN.set(0);
    FAILED.set(false);
    EARLY_SEEN.set(0);
    return p
        .apply(GenerateSequence.from(0).to(ELEMENTS).withRate(4000, Duration.ofSeconds(1))
            .withTimestampFn(i -> Instant.ofEpochSecond(i)))
        .apply(ParDo.of(new KeyThenFailOnce(early)));
  }

  private static Pipeline checkpointedPipeline() {
    return Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=flink",
        "--parallelism=2", "--checkpointingInterval=50", "--numberOfExecutionRetries=3").create());
  }

  @Test
  void restoredWindowsStillHoldTheWatermarkAtTheirEarliestElement() {
    Pipeline p = checkpointedPipeline();
    PCollection<String> described = keyedNumbersFailingOnce(p)
        .apply("ThousandSeconds", Window.<KV<String, Long>>into(FixedWindows.of(Duration.ofSeconds(1000)))
            .withTimestampCombiner(TimestampCombiner.EARLIEST))
        .apply("PerThousandSeconds", Sum.longsPerKey())
        .apply("OneSecond", Window.into(FixedWindows.of(Duration.ofSeconds(1))))
        .apply("PerSecond", Sum.longsPerKey())
        .apply(ParDo.of(new Describe()));
    String id = Collect.of(described);
    assertThat(p.run().waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);

    Set<String> expected = new HashSet<>();
    for (int w = 0; w < ELEMENTS / 1000; w++) {
      for (int k = 0; k < 4; k++) {
        // The pane of key k in window w is stamped with its earliest element, w * 1000 + k.
        expected.add("k" + k + "@" + (w * 1000 + k) + " 250");
      }
    }
    List<String> results = Collect.results(id);
    assertThat(FAILED).isTrue();
    assertThat(new HashSet<>(results)).isEqualTo(expected);
  }

  /**
   * Windows that fire only at their end (default trigger and combiner, no lateness) keep no timer
   * state of their own: the operator indexes them again from their restored buffers, and every
   * restored window still fires, exactly once, with every element counted once.
   */
  @Test
  void restoredWindowsThatFireOnlyAtTheirEndStillFire() {
    Pipeline p = checkpointedPipeline();
    PCollection<String> described = keyedNumbersFailingOnce(p)
        .apply("ThousandSeconds",
            Window.<KV<String, Long>>into(FixedWindows.of(Duration.ofSeconds(1000))))
        .apply("PerThousandSeconds", Sum.longsPerKey())
        .apply(ParDo.of(new Describe()));
    String id = Collect.of(described);
    assertThat(p.run().waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);

    List<String> expected = new java.util.ArrayList<>();
    for (int w = 0; w < ELEMENTS / 1000; w++) {
      for (int k = 0; k < 4; k++) {
        expected.add("k" + k + "@" + (w * 1000) + " 250");
      }
    }
    assertThat(FAILED).isTrue();
    assertThat(Collect.results(id)).containsExactlyInAnyOrderElementsOf(expected);
  }

  /**
   * A window that is open at the failure and gets nothing after the restart (the "early" key's
   * elements all come a second before the failure, so the checkpoint it restarts from has them):
   * it must still fire at the end, exactly once. In STREAMING mode the open windows of such a
   * grouping are indexed in memory, not held as Flink timers, so the index must be rebuilt from
   * the restored state.
   */
  @ParameterizedTest(name = "stateBackend={0}")
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void windowsOpenAtTheFailureWithNothingAfterTheRestartStillFire(String stateBackend) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=flink",
        "--parallelism=2", "--checkpointingInterval=50", "--numberOfExecutionRetries=3",
        "--stateBackend=" + stateBackend).create());
    PCollection<String> described = keyedNumbersFailingOnce(p, 500)
        .apply("TenThousandSeconds",
            Window.<KV<String, Long>>into(FixedWindows.of(Duration.ofSeconds(10_000))))
        .apply("PerWindow", Sum.longsPerKey())
        .apply(ParDo.of(new Describe()));
    String id = Collect.of(described);
    assertThat(p.run().waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);

    assertThat(FAILED).isTrue();
    assertThat(EARLY_SEEN.get())
        .as("the restart replayed the early key's elements: the restored checkpoint was older "
            + "than expected, so the test did not see a window restored with nothing after it")
        .isEqualTo(500);
    long perKey = (ELEMENTS - 500) / 4;
    assertThat(Collect.results(id)).containsExactlyInAnyOrder("early@0 500",
        "k0@0 " + perKey, "k1@0 " + perKey, "k2@0 " + perKey, "k3@0 " + perKey);
  }
}
