package dev.millrace.runners.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GenerateSequence;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.transforms.state.StateSpec;
import dev.millrace.transforms.state.StateSpecs;
import dev.millrace.transforms.state.TimeDomain;
import dev.millrace.transforms.state.TimerSpec;
import dev.millrace.transforms.state.TimerSpecs;
import dev.millrace.transforms.state.ValueState;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.IntervalWindow;
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

/**
 * A stateful DoFn's state and timers survive a failure in STREAMING mode: the job restarts from
 * its last checkpoint, and the per-key-and-window counts reported by event-time timers are exact.
 * (The collecting sink is at-least-once, so a report may repeat; none may be wrong or missing.)
 */
class FlinkStatefulRecoveryTest implements Serializable {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final long ELEMENTS = 6000;
  private static final long FAIL_AT = 4000;
  private static final AtomicLong PROCESSED = new AtomicLong();
  private static final AtomicBoolean FAILED = new AtomicBoolean();
  private static final AtomicBoolean RESTORED_STATE_SEEN = new AtomicBoolean();

  static final class ToKv extends DoFn<Long, KV<String, Long>> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(KV.of("k" + c.element() % 4, c.element()));
    }
  }

  /** Counts per key and window; reports at the window's end; fails once, mid-stream. */
  static final class CountThenFailOnce extends DoFn<KV<String, Long>, String> {
    private final StateSpec<ValueState<Long>> count = StateSpecs.value(VarLongCoder.of());
    private final TimerSpec report = TimerSpecs.timer(TimeDomain.EVENT_TIME);
    private transient boolean afterFailure;
    private transient Set<String> written;

    @Override
    public void setup() {
      afterFailure = FAILED.get();
      written = new HashSet<>();
    }

    @Override
    public void processElement(ProcessContext c) {
      String cell = c.element().getKey() + c.window();
      Long n = c.state(count).read();
      if (afterFailure && n != null && !written.contains(cell)) {
        RESTORED_STATE_SEEN.set(true); // this instance never wrote it: it came from a checkpoint
      }
      written.add(cell);
      c.state(count).write(n == null ? 1 : n + 1);
      c.timer(report).set(c.window().maxTimestamp());
      if (PROCESSED.incrementAndGet() >= FAIL_AT && FAILED.compareAndSet(false, true)) {
        throw new IllegalStateException("injected failure after " + FAIL_AT + " elements");
      }
    }

    @Override
    public void onTimer(OnTimerContext c) {
      c.output(c.<String>key() + " " + c.window() + " " + c.state(count).read());
    }
  }

  @Test
  void countsAreExactAfterARestartFromACheckpoint() {
    PROCESSED.set(0);
    FAILED.set(false);
    RESTORED_STATE_SEEN.set(false);
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=flink",
        "--parallelism=2", "--checkpointingInterval=50", "--numberOfExecutionRetries=3").create());
    PCollection<String> reports = p
        .apply(GenerateSequence.from(0).to(ELEMENTS).withRate(3000, Duration.ofSeconds(1))
            .withTimestampFn(i -> Instant.ofEpochSecond(i)))
        .apply(ParDo.of(new ToKv()))
        .apply(Window.into(FixedWindows.of(Duration.ofSeconds(1000))))
        .apply(ParDo.of(new CountThenFailOnce()));
    String id = Collect.of(reports);
    assertThat(p.run().waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);

    Set<String> expected = new HashSet<>();
    for (int w = 0; w < ELEMENTS / 1000; w++) {
      IntervalWindow window = new IntervalWindow(
          Instant.ofEpochSecond(w * 1000L), Instant.ofEpochSecond(w * 1000L + 1000));
      for (int k = 0; k < 4; k++) {
        expected.add("k" + k + " " + window + " 250");
      }
    }
    List<String> results = Collect.results(id);
    assertThat(FAILED).isTrue();
    assertThat(new HashSet<>(results)).isEqualTo(expected);
    assertThat(RESTORED_STATE_SEEN).as("state read back from a checkpoint after the restart")
        .isTrue();
  }
}
