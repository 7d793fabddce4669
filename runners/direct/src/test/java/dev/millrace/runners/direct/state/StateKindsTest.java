package dev.millrace.runners.direct.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.Pipeline;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.testing.TestStream;
import dev.millrace.transforms.CombineFn;
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
import dev.millrace.transforms.state.ValueState;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.FixedWindows;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every kind of state on the direct runner: contents, read-modify-write, and scoping per key and
 * per window. Contents are also round-tripped through their coders (encodability is enforced by
 * default).
 */
class StateKindsTest implements Serializable {
  static Instant t(int seconds) {
    return Instant.ofEpochSecond(seconds);
  }

  static TimestampedValue<KV<String, Integer>> kv(String k, int v, int seconds) {
    return TimestampedValue.of(KV.of(k, v), t(seconds));
  }

  static TestStream<KV<String, Integer>> stream() {
    return TestStream.create(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()));
  }

  private static List<String> run(Pipeline p, PCollection<String> out) {
    String id = Collect.of(out);
    Collect.run(p);
    return Collect.results(id);
  }

  /** Emits "key:count" per element: a per-key, per-window counter. */
  static final class Counter extends DoFn<KV<String, Integer>, String> {
    private final StateSpec<ValueState<Integer>> count = StateSpecs.value(VarIntCoder.of());

    @Override
    public void processElement(ProcessContext c) {
      ValueState<Integer> n = c.state(count).readLater();
      int next = n.read() == null ? 1 : n.read() + 1;
      n.write(next);
      c.output(c.element().getKey() + ":" + next);
    }
  }

  @Test
  void valueStateIsPerKey() {
    Pipeline p = Collect.pipeline();
    PCollection<String> out = p.apply(stream()
            .addElements(kv("a", 0, 1), kv("b", 0, 2))
            .addElements(kv("a", 0, 3))
            .addElements(kv("a", 0, 4), kv("b", 0, 5)))
        .apply(ParDo.of(new Counter()));
    assertThat(run(p, out)).containsExactlyInAnyOrder("a:1", "b:1", "a:2", "a:3", "b:2");
  }

  @Test
  void stateIsPerWindow() {
    Pipeline p = Collect.pipeline();
    PCollection<String> out = p.apply(stream()
            .addElements(kv("a", 0, 10), kv("a", 0, 20), kv("a", 0, 70))
            .addElements(kv("a", 0, 30), kv("a", 0, 80)))
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))))
        .apply(ParDo.of(new Counter()));
    // window [0,60) counts 1..3, window [60,120) counts 1..2
    assertThat(run(p, out)).containsExactlyInAnyOrder("a:1", "a:2", "a:3", "a:1", "a:2");
  }

  /** Buffers values in a bag and emits them (sorted) when the window expires. */
  static final class BagFn extends DoFn<KV<String, Integer>, String> {
    private final StateSpec<BagState<Integer>> bag = StateSpecs.bag(VarIntCoder.of());

    @Override
    public void processElement(ProcessContext c) {
      BagState<Integer> b = c.state(bag);
      if (b.isEmpty().read()) {
        c.output("first " + c.element().getKey());
      }
      b.add(c.element().getValue());
    }

    @Override
    public void onWindowExpiration(OnWindowExpirationContext c) {
      List<Integer> all = new ArrayList<>();
      c.state(bag).read().forEach(all::add);
      all.sort(null);
      c.output(c.key() + "=" + all);
    }
  }

  @Test
  void bagStateCollectsEveryValue() {
    Pipeline p = Collect.pipeline();
    PCollection<String> out = p.apply(stream()
            .addElements(kv("a", 3, 1), kv("b", 7, 2))
            .addElements(kv("a", 1, 3), kv("a", 2, 4)))
        .apply(ParDo.of(new BagFn()));
    assertThat(run(p, out)).containsExactlyInAnyOrder("first a", "first b", "a=[1, 2, 3]", "b=[7]");
  }

  /** A sum whose accumulator type (Long) is inferred from the type arguments. */
  static final class SumToLong extends CombineFn<Integer, Long, Long> {
    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long addInput(Long acc, Integer input) {
      return acc + input;
    }

    @Override
    public Long mergeAccumulators(Iterable<Long> accs) {
      long s = 0;
      for (long a : accs) {
        s += a;
      }
      return s;
    }

    @Override
    public Long extractOutput(Long acc) {
      return acc;
    }
  }

  /** Running sums through combining state, one with an explicit and one with an inferred coder. */
  static final class SumFn extends DoFn<KV<String, Integer>, String> {
    private final StateSpec<CombiningState<Integer, Long, Long>> explicit =
        StateSpecs.combining(VarLongCoder.of(), new SumToLong());
    private final StateSpec<CombiningState<Integer, Long, Long>> inferred =
        StateSpecs.combining(new SumToLong());

    @Override
    public void processElement(ProcessContext c) {
      CombiningState<Integer, Long, Long> a = c.state(explicit);
      CombiningState<Integer, Long, Long> b = c.state(inferred);
      boolean wasEmpty = a.isEmpty().read();
      a.add(c.element().getValue());
      b.addAccumulator(10L * c.element().getValue());
      c.output(c.element().getKey() + ":" + a.read() + "/" + b.read() + "/" + b.getAccumulator()
          + (wasEmpty ? " new" : ""));
    }
  }

  @Test
  void combiningStateFoldsInputsAndAccumulators() {
    Pipeline p = Collect.pipeline();
    PCollection<String> out = p.apply(stream()
            .addElements(kv("a", 1, 1))
            .addElements(kv("a", 2, 2))
            .addElements(kv("b", 5, 3)))
        .apply(ParDo.of(new SumFn()));
    assertThat(run(p, out)).containsExactlyInAnyOrder("a:1/10/10 new", "a:3/30/30", "b:5/50/50 new");
  }

  /** Counts values per key in a map; removes a value when it is negative; reports at expiry. */
  static final class MapFn extends DoFn<KV<String, Integer>, String> {
    private final StateSpec<MapState<Integer, Integer>> counts =
        StateSpecs.map(VarIntCoder.of(), VarIntCoder.of());

    @Override
    public void processElement(ProcessContext c) {
      MapState<Integer, Integer> m = c.state(counts);
      int v = c.element().getValue();
      if (v < 0) {
        m.remove(-v);
        return;
      }
      Integer before = m.putIfAbsent(v, 1).read();
      if (before != null) {
        m.put(v, m.get(v).read() + 1);
      }
      c.output("has " + v + "=" + m.getOrDefault(v, -1).read());
    }

    @Override
    public void onWindowExpiration(OnWindowExpirationContext c) {
      MapState<Integer, Integer> m = c.state(counts);
      TreeMap<Integer, Integer> sorted = new TreeMap<>();
      m.entries().read().forEach(e -> sorted.put(e.getKey(), e.getValue()));
      List<Integer> keys = new ArrayList<>();
      m.keys().read().forEach(keys::add);
      c.output(c.key() + "=" + sorted + " keys=" + keys.size() + " empty=" + m.isEmpty().read()
          + " missing=" + m.get(99).read());
    }
  }

  @Test
  void mapStatePutsGetsAndRemoves() {
    Pipeline p = Collect.pipeline();
    PCollection<String> out = p.apply(stream()
            .addElements(kv("a", 1, 1), kv("a", 2, 1))
            .addElements(kv("a", 1, 2), kv("a", 3, 2))
            .addElements(kv("a", -3, 3), kv("b", 4, 3)))
        .apply(ParDo.of(new MapFn()));
    assertThat(run(p, out)).containsExactlyInAnyOrder(
        "has 1=1", "has 2=1", "has 1=2", "has 3=1", "has 4=1",
        "a={1=2, 2=1} keys=2 empty=false missing=null", "b={4=1} keys=1 empty=false missing=null");
  }

  /** Emits a value the first time it is seen; a negative value removes its positive. */
  static final class SetFn extends DoFn<KV<String, Integer>, String> {
    private final StateSpec<SetState<Integer>> seen = StateSpecs.set(VarIntCoder.of());

    @Override
    public void processElement(ProcessContext c) {
      SetState<Integer> s = c.state(seen);
      int v = c.element().getValue();
      if (v < 0) {
        s.remove(-v);
        c.output("removed " + -v + " contains=" + s.contains(-v).read());
      } else if (s.addIfAbsent(v).read()) {
        c.output("new " + v);
      }
    }
  }

  @Test
  void setStateKeepsDistinctMembers() {
    Pipeline p = Collect.pipeline();
    PCollection<String> out = p.apply(stream()
            .addElements(kv("a", 1, 1), kv("a", 1, 1), kv("a", 2, 1))
            .addElements(kv("a", -1, 2))
            .addElements(kv("a", 1, 3), kv("a", 2, 3), kv("b", 2, 3)))
        .apply(ParDo.of(new SetFn()));
    assertThat(run(p, out)).containsExactlyInAnyOrder(
        "new 1", "new 2", "removed 1 contains=false", "new 1", "new 2");
  }

  /** Buffers out-of-order events; at expiry emits them in timestamp order and a range. */
  static final class OrderedFn extends DoFn<KV<String, Integer>, String> {
    private final StateSpec<OrderedListState<Integer>> events =
        StateSpecs.orderedList(VarIntCoder.of());

    @Override
    public void processElement(ProcessContext c) {
      c.state(events).add(TimestampedValue.of(c.element().getValue(), c.timestamp()));
    }

    @Override
    public void onWindowExpiration(OnWindowExpirationContext c) {
      OrderedListState<Integer> list = c.state(events);
      c.output("all " + values(list.read()));
      c.output("range " + values(list.readRange(t(20), t(40))));
      list.clearRange(t(0), t(25));
      c.output("after clear " + values(list.read()));
    }

    private static List<Integer> values(Iterable<TimestampedValue<Integer>> vs) {
      List<Integer> out = new ArrayList<>();
      vs.forEach(v -> out.add(v.getValue()));
      return out;
    }
  }

  @Test
  void orderedListStateReadsInTimestampOrder() {
    Pipeline p = Collect.pipeline();
    PCollection<String> out = p.apply(stream()
            .addElements(kv("a", 30, 30), kv("a", 10, 10))
            .addElements(kv("a", 40, 40), kv("a", 20, 20), kv("a", 21, 20)))
        .apply(ParDo.of(new OrderedFn()));
    assertThat(run(p, out)).containsExactlyInAnyOrder(
        "all [10, 20, 21, 30, 40]", "range [20, 21, 30]", "after clear [30, 40]");
  }
}
