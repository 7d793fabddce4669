package dev.millrace.runners.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.runners.flink.cluster.internal.FlinkRest;
import dev.millrace.runners.flink.internal.FlinkEnvironments;
import dev.millrace.runners.flink.internal.FlinkPipelineResult;
import dev.millrace.testing.TestStream;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.Flatten;
import dev.millrace.transforms.GenerateSequence;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.transforms.state.BagState;
import dev.millrace.transforms.state.StateSpec;
import dev.millrace.transforms.state.StateSpecs;
import dev.millrace.transforms.state.TimeDomain;
import dev.millrace.transforms.state.TimerSpec;
import dev.millrace.transforms.state.TimerSpecs;
import dev.millrace.transforms.state.ValueState;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionList;
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.IntervalWindow;
import dev.millrace.windowing.PaneInfo;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterWatermark;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --stateBackend=rocksdb} on a real MiniCluster: Flink really loads its embedded RocksDB
 * backend (read back from the job's checkpoint configuration), stateful DoFns and triggered
 * windows give exactly the answers they give on the heap, and RocksDB state restored from a
 * checkpoint after a failure counts every record exactly once.
 */
class RocksDbStateBackendTest implements Serializable {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static Instant t(int seconds) {
    return Instant.ofEpochSecond(seconds);
  }

  private static String w(int startSeconds) {
    return new IntervalWindow(t(startSeconds), t(startSeconds + 60)).toString();
  }

  /** The MiniCluster's REST answer about a job: {@code /jobs/<id>} + {@code path}. */
  private static JsonNode job(PipelineResult result, String path) throws IOException {
    Configuration client = FLINK.getClientConfiguration();
    FlinkRest rest = FlinkRest.of(client.get(RestOptions.ADDRESS), client.get(RestOptions.PORT));
    return rest.get("/jobs/" + ((FlinkPipelineResult) result).jobId() + path);
  }

  /** The state backend Flink loaded for a job (as its Web UI shows it). */
  private static String loadedBackend(PipelineResult result) throws IOException {
    return job(result, "/checkpoints/config").path("state_backend").asText();
  }

  private static String expectedBackend(String flag) {
    return flag.equals("rocksdb") ? "EmbeddedRocksDBStateBackend" : "HashMapStateBackend";
  }

  @ParameterizedTest(name = "--stateBackend={0}")
  @ValueSource(strings = {"hashmap", "rocksdb", " RocksDB "})
  void theFlagSetsFlinksStateBackendType(String flag) {
    StreamExecutionEnvironment env = FlinkEnvironments.create(PipelineOptionsFactory.fromArgs(
        "--stateBackend=" + flag).as(FlinkOptions.class), false); // the MiniCluster's context env
    assertThat(env.getConfiguration().get(StateBackendOptions.STATE_BACKEND))
        .isEqualTo(flag.trim().toLowerCase(Locale.ROOT));
  }

  /** Renders each pane as "key=sum [window] TIMING index". */
  static final class SumPanes extends DoFn<KV<String, Iterable<Long>>, String> {
    @Override
    public void processElement(ProcessContext c) {
      long sum = 0;
      for (long v : c.element().getValue()) {
        sum += v;
      }
      PaneInfo pane = c.pane();
      c.output(c.element().getKey() + "=" + sum + " " + c.window() + " " + pane.timing() + " "
          + pane.index() + (pane.isLast() ? " last" : ""));
    }
  }

  /**
   * Per key and window: a count (ValueState) and the values (BagState); a "tick" timer 10 s after
   * the first element and an "end" timer at the window's end, both reporting what the state holds.
   */
  static final class CountAndBuffer extends DoFn<KV<String, Long>, String> {
    private final StateSpec<ValueState<Long>> count = StateSpecs.value(VarLongCoder.of());
    private final StateSpec<BagState<Long>> values = StateSpecs.bag(VarLongCoder.of());
    private final TimerSpec tick = TimerSpecs.timer(TimeDomain.EVENT_TIME);
    private final TimerSpec end = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    @Override
    public void processElement(ProcessContext c) {
      Long n = c.state(count).read();
      if (n == null) {
        c.timer(tick).set(c.timestamp().plusSeconds(10));
      }
      c.state(count).write(n == null ? 1 : n + 1);
      c.state(values).add(c.element().getValue());
      c.timer(end).set(c.window().maxTimestamp());
    }

    @Override
    public void onTimer(OnTimerContext c) {
      String prefix = c.<String>key() + " " + c.window() + " ";
      if (c.timerSpec() == tick) {
        c.output(prefix + "tick@" + c.fireTimestamp().getEpochSecond()
            + " count=" + c.state(count).read());
      } else {
        List<Long> sorted = new ArrayList<>();
        c.state(values).read().forEach(sorted::add);
        Collections.sort(sorted);
        c.output(prefix + "end count=" + c.state(count).read() + " values=" + sorted);
      }
    }
  }

  @ParameterizedTest(name = "--stateBackend={0}")
  @ValueSource(strings = {"hashmap", "rocksdb"})
  void statefulDoFnsAndTriggeredWindowsGiveTheSameAnswerOnEitherBackend(String backend)
      throws IOException {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=flink",
        "--parallelism=2", "--stateBackend=" + backend).create());
    PCollection<KV<String, Long>> input = p
        .apply(TestStream.create(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
            .addElements(TimestampedValue.of(KV.of("a", 1L), t(1)))
            .addElements(TimestampedValue.of(KV.of("a", 2L), t(2)))
            .addElements(TimestampedValue.of(KV.of("b", 10L), t(5)))
            .addElements(TimestampedValue.of(KV.of("a", 4L), t(61)))
            .advanceWatermarkTo(t(90))
            .addElements(TimestampedValue.of(KV.of("a", 100L), t(30))) // late, within lateness
            .advanceWatermarkToInfinity())
        .apply(Window.<KV<String, Long>>into(FixedWindows.of(Duration.ofMinutes(1)))
            .triggering(AfterWatermark.pastEndOfWindow()
                .withEarlyFirings(AfterPane.elementCountAtLeast(2))
                .withLateFirings(AfterPane.elementCountAtLeast(1)))
            .withAllowedLateness(Duration.ofMinutes(5))
            .accumulatingFiredPanes());
    PCollection<String> panes = input.apply(GroupByKey.create()).apply(ParDo.of(new SumPanes()));
    PCollection<String> reports = input.apply(ParDo.of(new CountAndBuffer()));
    String id = Collect.of(PCollectionList.of(panes).and(reports).apply(Flatten.pCollections()));
    PipelineResult result = p.run();
    assertThat(result.waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);

    assertThat(loadedBackend(result)).isEqualTo(expectedBackend(backend));
    List<String> all = Collect.results(id);
    // GroupByKey panes ("key=sum"): early by count, on time, late within the allowed lateness.
    assertThat(all.stream().filter(s -> s.matches("\\w+=.*"))).containsExactlyInAnyOrder(
        "a=3 " + w(0) + " EARLY 0",
        "a=3 " + w(0) + " ON_TIME 1",
        "b=10 " + w(0) + " ON_TIME 0",
        "a=103 " + w(0) + " LATE 2",
        "a=4 " + w(60) + " ON_TIME 0 last");
    // Stateful DoFn timer reports ("key [window] ..."), the late value included in its window.
    assertThat(all.stream().filter(s -> s.matches("\\w+ .*"))).containsExactlyInAnyOrder(
        "a " + w(0) + " tick@11 count=2",
        "b " + w(0) + " tick@15 count=1",
        "a " + w(0) + " end count=2 values=[1, 2]",
        "b " + w(0) + " end count=1 values=[10]",
        "a " + w(60) + " tick@71 count=1",
        "a " + w(0) + " end count=3 values=[1, 2, 100]",
        "a " + w(60) + " end count=1 values=[4]");
    assertThat(all).hasSize(12);
  }

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

  /**
   * Keeps a count and every value per key and window, reports count, sum and distinct values at
   * the window's end, and fails once mid-stream (after checkpoints were taken).
   */
  static final class TallyThenFailOnce extends DoFn<KV<String, Long>, String> {
    private final StateSpec<ValueState<Long>> count = StateSpecs.value(VarLongCoder.of());
    private final StateSpec<BagState<Long>> values = StateSpecs.bag(VarLongCoder.of());
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
      c.state(values).add(c.element().getValue());
      c.timer(report).set(c.window().maxTimestamp());
      if (PROCESSED.incrementAndGet() >= FAIL_AT && FAILED.compareAndSet(false, true)) {
        throw new IllegalStateException("injected failure after " + FAIL_AT + " elements");
      }
    }

    @Override
    public void onTimer(OnTimerContext c) {
      long sum = 0;
      Set<Long> distinct = new HashSet<>();
      for (long v : c.state(values).read()) {
        sum += v;
        distinct.add(v);
      }
      c.output(c.<String>key() + " " + c.window() + " count=" + c.state(count).read()
          + " sum=" + sum + " distinct=" + distinct.size());
    }
  }

  /** What the reports must say: 250 values per key and 1000-s window, each counted once. */
  private static Set<String> exactTallies() {
    Set<String> expected = new HashSet<>();
    for (long start = 0; start < ELEMENTS; start += 1000) {
      IntervalWindow window = new IntervalWindow(
          Instant.ofEpochSecond(start), Instant.ofEpochSecond(start + 1000));
      for (int k = 0; k < 4; k++) {
        long sum = 0;
        for (long i = start + k; i < start + 1000; i += 4) {
          sum += i;
        }
        expected.add("k" + k + " " + window + " count=250 sum=" + sum + " distinct=250");
      }
    }
    return expected;
  }

  @Test
  void rocksDbStateRestoredFromACheckpointCountsEveryRecordExactlyOnce() throws IOException {
    PROCESSED.set(0);
    FAILED.set(false);
    RESTORED_STATE_SEEN.set(false);
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=flink",
        "--parallelism=2", "--stateBackend=rocksdb", "--checkpointingInterval=50",
        "--numberOfExecutionRetries=3").create());
    PCollection<String> reports = p
        .apply(GenerateSequence.from(0).to(ELEMENTS).withRate(3000, Duration.ofSeconds(1))
            .withTimestampFn(i -> Instant.ofEpochSecond(i)))
        .apply(ParDo.of(new ToKv()))
        .apply(Window.into(FixedWindows.of(Duration.ofSeconds(1000))))
        .apply(ParDo.of(new TallyThenFailOnce()));
    String id = Collect.of(reports);
    PipelineResult result = p.run();
    assertThat(result.waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);

    assertThat(loadedBackend(result)).isEqualTo("EmbeddedRocksDBStateBackend");
    assertThat(FAILED).isTrue();
    assertThat(job(result, "/checkpoints").path("counts").path("restored").asLong())
        .as("restores from a checkpoint").isGreaterThanOrEqualTo(1);
    assertThat(RESTORED_STATE_SEEN).as("RocksDB state read back from a checkpoint after the restart")
        .isTrue();
    // The collecting sink is at-least-once, so a report may repeat; none may be wrong or missing.
    List<String> results = Collect.results(id);
    assertThat(new HashSet<>(results)).isEqualTo(exactTallies());
  }
}
