package dev.millrace.runners.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.CombineFn;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.Flatten;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.transforms.state.BagState;
import dev.millrace.transforms.state.CombiningState;
import dev.millrace.transforms.state.MapState;
import dev.millrace.transforms.state.OrderedListState;
import dev.millrace.transforms.state.SetState;
import dev.millrace.transforms.state.StateSpec;
import dev.millrace.transforms.state.StateSpecs;
import dev.millrace.transforms.state.TimeDomain;
import dev.millrace.transforms.state.TimerSpec;
import dev.millrace.transforms.state.TimerSpecs;
import dev.millrace.transforms.state.ValueState;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionList;
import dev.millrace.values.PCollectionTuple;
import dev.millrace.values.TimestampedValue;
import dev.millrace.values.TupleTag;
import dev.millrace.values.TupleTagList;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.IntervalWindow;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stateful DoFns on a bounded input, in Flink's BATCH mode (where Flink fires a key's timers once
 * all its elements are in, and ignores timers registered while it does) and in STREAMING mode: every
 * state kind, timers set by timer firings, a timer family, window expiry after the last user timer,
 * and a second output. Both modes must give the same answer, numbered per key and window so the
 * firing order is checked too.
 */
class FlinkStatefulDoFnTest implements Serializable {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  static final TupleTag<String> MAIN = new TupleTag<>("main") {};
  static final TupleTag<String> EXPIRED = new TupleTag<>("expired") {};

  private static Instant t(int seconds) {
    return Instant.ofEpochSecond(seconds);
  }

  static final class SumLongs extends CombineFn<Long, Long, Long> {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long addInput(Long acc, Long input) {
      return acc + input;
    }

    @Override
    public Long mergeAccumulators(Iterable<Long> accs) {
      long sum = 0;
      for (long a : accs) {
        sum += a;
      }
      return sum;
    }

    @Override
    public Long extractOutput(Long acc) {
      return acc;
    }
  }

  /**
   * Keeps every state kind per key and window; a "tick" timer starts 10 s into the window and
   * re-arms itself every 10 s from its own firing; a family timer fires 1 s after each element;
   * "end" reports the state at the window's end, the expiry after it (on a second output).
   */
  static final class AllKinds extends DoFn<KV<String, Long>, String> {
    private final StateSpec<ValueState<Long>> seq = StateSpecs.value(VarLongCoder.of());
    private final StateSpec<ValueState<Long>> count = StateSpecs.value(VarLongCoder.of());
    private final StateSpec<BagState<Long>> bag = StateSpecs.bag(VarLongCoder.of());
    private final StateSpec<CombiningState<Long, Long, Long>> sum =
        StateSpecs.combining(VarLongCoder.of(), new SumLongs());
    private final StateSpec<SetState<Long>> parity = StateSpecs.set(VarLongCoder.of());
    private final StateSpec<MapState<Long, String>> names =
        StateSpecs.map(VarLongCoder.of(), StringUtf8Coder.of());
    private final StateSpec<OrderedListState<Long>> byTime =
        StateSpecs.orderedList(VarLongCoder.of());
    private final TimerSpec tick = TimerSpecs.timer(TimeDomain.EVENT_TIME);
    private final TimerSpec end = TimerSpecs.timer(TimeDomain.EVENT_TIME);
    private final TimerSpec after = TimerSpecs.timerFamily(TimeDomain.EVENT_TIME);

    private static long next(ValueState<Long> s) {
      Long n = s.read();
      long v = n == null ? 0 : n;
      s.write(v + 1);
      return v;
    }

    @Override
    public void processElement(ProcessContext c) {
      String key = c.element().getKey();
      long v = c.element().getValue();
      IntervalWindow w = (IntervalWindow) c.window();
      Long n = c.state(count).read();
      if (n == null) {
        c.timer(tick).set(w.start().plusSeconds(10));
      }
      c.state(count).write(n == null ? 1 : n + 1);
      c.state(bag).add(v);
      c.state(sum).add(v);
      c.state(parity).add(v % 2);
      c.state(names).put(v, key + v);
      c.state(byTime).add(TimestampedValue.of(v, c.timestamp()));
      c.timerFamily(after).set("v" + v, c.timestamp().plusSeconds(1));
      c.timer(end).set(w.maxTimestamp());
    }

    @Override
    public void onTimer(OnTimerContext c) {
      IntervalWindow w = (IntervalWindow) c.window();
      String prefix = next(c.state(seq)) + " " + c.<String>key() + " " + w + " ";
      if (c.timerSpec() == tick) {
        c.output(prefix + "tick@" + c.fireTimestamp().getEpochSecond());
        Instant again = c.fireTimestamp().plusSeconds(10);
        if (again.isBefore(w.end())) {
          c.timer(tick).set(again);
        }
      } else if (c.timerSpec() == after) {
        c.output(prefix + c.timerId() + "@" + c.fireTimestamp().getEpochSecond());
      } else {
        List<Long> ordered = new ArrayList<>();
        c.state(byTime).read().forEach(tv -> ordered.add(tv.getValue()));
        Map<Long, String> named = new TreeMap<>();
        c.state(names).entries().read().forEach(e -> named.put(e.getKey(), e.getValue()));
        c.output(prefix + "end count=" + c.state(count).read() + " sum=" + c.state(sum).read()
            + " bag=" + sorted(c.state(bag).read()) + " parity=" + sorted(c.state(parity).read())
            + " names=" + named + " ordered=" + ordered);
      }
    }

    @Override
    public void onWindowExpiration(OnWindowExpirationContext c) {
      c.output(EXPIRED, next(c.state(seq)) + " " + c.<String>key() + " " + c.window()
          + " expired count=" + c.state(count).read());
    }

    private static List<Long> sorted(Iterable<Long> values) {
      List<Long> list = new ArrayList<>();
      values.forEach(list::add);
      Collections.sort(list);
      return list;
    }
  }

  private static List<String> expected() {
    String w0 = new IntervalWindow(t(0), t(60)).toString();
    String w1 = new IntervalWindow(t(60), t(120)).toString();
    return List.of(
        "0 a " + w0 + " v1@6", "1 a " + w0 + " tick@10", "2 a " + w0 + " v2@16",
        "3 a " + w0 + " tick@20", "4 a " + w0 + " tick@30", "5 a " + w0 + " tick@40",
        "6 a " + w0 + " tick@50",
        "7 a " + w0 + " end count=2 sum=3 bag=[1, 2] parity=[0, 1] names={1=a1, 2=a2}"
            + " ordered=[1, 2]",
        "0 a " + w1 + " v3@66", "1 a " + w1 + " tick@70", "2 a " + w1 + " tick@80",
        "3 a " + w1 + " tick@90", "4 a " + w1 + " tick@100", "5 a " + w1 + " tick@110",
        "6 a " + w1 + " end count=1 sum=3 bag=[3] parity=[1] names={3=a3} ordered=[3]",
        "0 b " + w0 + " tick@10", "1 b " + w0 + " tick@20", "2 b " + w0 + " tick@30",
        "3 b " + w0 + " v10@31", "4 b " + w0 + " tick@40", "5 b " + w0 + " tick@50",
        "6 b " + w0 + " end count=1 sum=10 bag=[10] parity=[0] names={10=b10} ordered=[10]");
  }

  @ParameterizedTest(name = "streaming={0}")
  @ValueSource(booleans = {false, true})
  void everyStateKindAndTimerGivesTheSameAnswerInBothModes(boolean streaming) {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs(
        "--runner=flink", "--parallelism=2", "--streaming=" + streaming).create());
    PCollectionTuple out = p
        .apply(Create.timestamped(
            TimestampedValue.of(KV.of("a", 2L), t(15)), TimestampedValue.of(KV.of("b", 10L), t(30)),
            TimestampedValue.of(KV.of("a", 3L), t(65)), TimestampedValue.of(KV.of("a", 1L), t(5))))
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))))
        .apply(ParDo.of(new AllKinds()).withOutputTags(MAIN, TupleTagList.of(EXPIRED)));
    // Only onWindowExpiration writes to EXPIRED: its lines say "expired".
    String id = Collect.of(PCollectionList.of(out.get(MAIN)).and(out.get(EXPIRED))
        .apply(Flatten.pCollections()));
    assertThat(p.run().waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);
    String w0 = new IntervalWindow(t(0), t(60)).toString();
    String w1 = new IntervalWindow(t(60), t(120)).toString();
    List<String> all = new ArrayList<>(expected());
    all.addAll(List.of("8 a " + w0 + " expired count=2", "7 a " + w1 + " expired count=1",
        "7 b " + w0 + " expired count=1"));
    assertThat(Collect.<String>results(id)).containsExactlyInAnyOrderElementsOf(all);
  }

  /**
   * Buffers each key's values and flushes them when a processing-time timer fires (100 ms after
   * the first buffered value, on the machine's clock) and, for the rest, when the window expires.
   */
  static final class FlushOnProcessingTime extends DoFn<KV<String, Long>, String> {
    private final StateSpec<BagState<Long>> buffer = StateSpecs.bag(VarLongCoder.of());
    private final StateSpec<ValueState<Long>> armed = StateSpecs.value(VarLongCoder.of());
    private final TimerSpec flush = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

    @Override
    public void processElement(ProcessContext c) {
      c.state(buffer).add(c.element().getValue());
      if (c.state(armed).read() == null) {
        c.state(armed).write(1L);
        c.timer(flush).offset(Duration.ofMillis(100)).setRelative();
      }
    }

    @Override
    public void onTimer(OnTimerContext c) {
      emit(c.<String>key(), "timer", c.state(buffer), c::output);
      c.state(armed).clear();
    }

    @Override
    public void onWindowExpiration(OnWindowExpirationContext c) {
      emit(c.<String>key(), "expiry", c.state(buffer), c::output);
    }

    private static void emit(String key, String by, BagState<Long> buffer,
        java.util.function.Consumer<String> out) {
      long n = 0;
      for (long ignored : buffer.read()) {
        n++;
      }
      buffer.clear();
      if (n > 0) {
        out.accept(key + " " + n + " " + by);
      }
    }
  }

  @org.junit.jupiter.api.Test
  void processingTimeTimersFireOnTheMachineClockAndNothingIsLost() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs(
        "--runner=flink", "--parallelism=2").create());
    PCollection<String> flushes = p
        .apply(dev.millrace.transforms.GenerateSequence.from(0).to(400)
            .withRate(400, Duration.ofSeconds(1)))
        .apply(ParDo.of(new DoFn<Long, KV<String, Long>>() {
          @Override
          public void processElement(ProcessContext c) {
            c.output(KV.of("k" + c.element() % 4, c.element()));
          }
        }))
        .apply(ParDo.of(new FlushOnProcessingTime()));
    String id = Collect.of(flushes);
    assertThat(p.run().waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);
    Map<String, Long> perKey = new TreeMap<>();
    boolean byTimer = false;
    for (String line : Collect.<String>results(id)) {
      String[] parts = line.split(" ");
      perKey.merge(parts[0], Long.parseLong(parts[1]), Long::sum);
      byTimer |= parts[2].equals("timer");
    }
    assertThat(perKey).isEqualTo(Map.of("k0", 100L, "k1", 100L, "k2", 100L, "k3", 100L));
    assertThat(byTimer).as("some flush came from a processing-time timer").isTrue();
  }
}
