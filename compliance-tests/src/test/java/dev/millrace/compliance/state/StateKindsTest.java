package dev.millrace.compliance.state;

import static dev.millrace.compliance.triggers.Panes.at;
import static dev.millrace.compliance.triggers.Panes.stream;
import static dev.millrace.compliance.triggers.Panes.t;

import dev.millrace.coders.VarLongCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.compliance.triggers.Panes;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every kind of state (value, bag, combining, map, set, ordered list): its contents and
 * read-modify-write behaviour, scoped to a key and a window, with the final contents seen by
 * {@code onWindowExpiration}.
 */
@Requires({Capability.STATE, Capability.TEST_STREAM})
class StateKindsTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  /** Emits "key:count" per element: a counter per key and window. */
  static final class Counter extends DoFn<KV<String, Long>, String> {
    private final StateSpec<ValueState<Long>> count = StateSpecs.value(VarLongCoder.of());

    @Override
    public void processElement(ProcessContext c) {
      ValueState<Long> n = c.state(count).readLater();
      long next = n.read() == null ? 1 : n.read() + 1;
      n.write(next);
      c.output(c.element().getKey() + ":" + next + " " + Panes.window(c.window()));
    }
  }

  @Test
  void valueStateIsScopedToTheKey() {
    PCollection<String> out = p.apply(stream()
            .addElements(at("a", 0, 1), at("b", 0, 2))
            .addElements(at("a", 0, 3))
            .addElements(at("a", 0, 4), at("b", 0, 5)))
        .apply(ParDo.of(new Counter()));
    PAssert.that(out).containsInAnyOrder("a:1 GW", "b:1 GW", "a:2 GW", "a:3 GW", "b:2 GW");
    p.run();
  }

  @Test
  void valueStateIsScopedToTheWindow() {
    PCollection<String> out = p.apply(stream()
            .addElements(at("a", 0, 10), at("a", 0, 20), at("a", 0, 70))
            .addElements(at("a", 0, 30), at("a", 0, 80), at("b", 0, 90)))
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))))
        .apply(ParDo.of(new Counter()));
    PAssert.that(out).containsInAnyOrder("a:1 [0,60)", "a:2 [0,60)", "a:3 [0,60)",
        "a:1 [60,120)", "a:2 [60,120)", "b:1 [60,120)");
    p.run();
  }

  /** Buffers values in a bag; marks the first one; emits all of them when the window expires. */
  static final class BagFn extends DoFn<KV<String, Long>, String> {
    private final StateSpec<BagState<Long>> bag = StateSpecs.bag(VarLongCoder.of());

    @Override
    public void processElement(ProcessContext c) {
      BagState<Long> b = c.state(bag);
      if (b.isEmpty().read()) {
        c.output("first " + c.element().getKey() + " " + Panes.window(c.window()));
      }
      b.add(c.element().getValue());
    }

    @Override
    public void onWindowExpiration(OnWindowExpirationContext c) {
      c.output(c.key() + "=" + StateTesting.sorted(c.state(bag).read()) + " "
          + Panes.window(c.window()));
    }
  }

  @Test
  void bagStateKeepsEveryValueOfItsKeyAndWindow() {
    PCollection<String> out = p.apply(stream()
            .addElements(at("a", 3, 1), at("b", 7, 2), at("a", 3, 61))
            .addElements(at("a", 1, 3), at("a", 2, 4)))
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))))
        .apply(ParDo.of(new BagFn()));
    PAssert.that(out).containsInAnyOrder("first a [0,60)", "first b [0,60)", "first a [60,120)",
        "a=[1, 2, 3] [0,60)", "b=[7] [0,60)", "a=[3] [60,120)");
    p.run();
  }

  /** Running sums in combining state; values of 100 or more are merged in as accumulators. */
  static final class SumFn extends DoFn<KV<String, Long>, String> {
    private final StateSpec<CombiningState<Long, Long, Long>> sum =
        StateSpecs.combining(VarLongCoder.of(), new StateTesting.SumLongs());
    private final StateSpec<ValueState<Long>> seq = StateSpecs.value(VarLongCoder.of());

    @Override
    public void processElement(ProcessContext c) {
      CombiningState<Long, Long, Long> s = c.state(sum);
      boolean wasEmpty = s.isEmpty().read();
      long v = c.element().getValue();
      if (v >= 100) {
        s.addAccumulator(v); // merged in as a partial sum
      } else {
        s.add(v);
      }
      c.output(StateTesting.next(c.state(seq)) + " " + c.element().getKey() + ":" + s.read()
          + " acc=" + s.getAccumulator() + (wasEmpty ? " new" : ""));
    }
  }

  @Test
  void combiningStateFoldsItsInputs() {
    PCollection<String> out = p.apply(stream()
            .addElements(at("a", 1, 1))
            .addElements(at("a", 2, 2))
            .addElements(at("b", 5, 3))
            .addElements(at("a", 100, 4)))
        .apply(ParDo.of(new SumFn()));
    PAssert.that(out).containsInAnyOrder(
        "0 a:1 acc=1 new", "1 a:3 acc=3", "0 b:5 acc=5 new", "2 a:103 acc=103");
    p.run();
  }

  /** Counts values per key in a map; a negative value removes its positive; reports at expiry. */
  static final class MapFn extends DoFn<KV<String, Long>, String> {
    private final StateSpec<MapState<Long, Long>> counts =
        StateSpecs.map(VarLongCoder.of(), VarLongCoder.of());

    @Override
    public void processElement(ProcessContext c) {
      MapState<Long, Long> m = c.state(counts);
      long v = c.element().getValue();
      if (v < 0) {
        m.remove(-v);
        return;
      }
      Long before = m.putIfAbsent(v, 1L).read();
      if (before != null) {
        m.put(v, m.get(v).read() + 1);
      }
      c.output("has " + v + "=" + m.getOrDefault(v, -1L).read());
    }

    @Override
    public void onWindowExpiration(OnWindowExpirationContext c) {
      MapState<Long, Long> m = c.state(counts);
      TreeMap<Long, Long> sorted = new TreeMap<>();
      m.entries().read().forEach(e -> sorted.put(e.getKey(), e.getValue()));
      c.output(c.key() + "=" + sorted + " keys=" + StateTesting.sorted(m.keys().read())
          + " missing=" + m.get(99L).read());
    }
  }

  @Test
  void mapStatePutsGetsAndRemovesPerKey() {
    PCollection<String> out = p.apply(stream()
            .addElements(at("a", 1, 1), at("a", 2, 1))
            .addElements(at("a", 1, 2), at("a", 3, 2))
            .addElements(at("a", -3, 3), at("b", 4, 3)))
        .apply(ParDo.of(new MapFn()));
    PAssert.that(out).containsInAnyOrder(
        "has 1=1", "has 2=1", "has 1=2", "has 3=1", "has 4=1",
        "a={1=2, 2=1} keys=[1, 2] missing=null", "b={4=1} keys=[4] missing=null");
    p.run();
  }

  /** Emits a value the first time its key sees it; a negative value removes its positive. */
  static final class SetFn extends DoFn<KV<String, Long>, String> {
    private final StateSpec<SetState<Long>> seen = StateSpecs.set(VarLongCoder.of());

    @Override
    public void processElement(ProcessContext c) {
      SetState<Long> s = c.state(seen);
      long v = c.element().getValue();
      String key = c.element().getKey();
      if (v < 0) {
        s.remove(-v);
        c.output(key + " removed " + -v + " contains=" + s.contains(-v).read());
      } else if (s.addIfAbsent(v).read()) {
        c.output(key + " new " + v);
      }
    }
  }

  @Test
  void setStateKeepsDistinctMembersPerKey() {
    PCollection<String> out = p.apply(stream()
            .addElements(at("a", 1, 1), at("a", 1, 1), at("a", 2, 1))
            .addElements(at("a", -1, 2))
            .addElements(at("a", 1, 3), at("a", 2, 3), at("b", 2, 3)))
        .apply(ParDo.of(new SetFn()));
    PAssert.that(out).containsInAnyOrder(
        "a new 1", "a new 2", "a removed 1 contains=false", "a new 1", "b new 2");
    p.run();
  }

  /** Buffers out-of-order events; at expiry reads them in timestamp order, a range, a clear. */
  static final class OrderedFn extends DoFn<KV<String, Long>, String> {
    private final StateSpec<OrderedListState<Long>> events =
        StateSpecs.orderedList(VarLongCoder.of());

    @Override
    public void processElement(ProcessContext c) {
      c.state(events).add(TimestampedValue.of(c.element().getValue(), c.timestamp()));
    }

    @Override
    public void onWindowExpiration(OnWindowExpirationContext c) {
      OrderedListState<Long> list = c.state(events);
      String key = c.key();
      c.output(key + " all " + values(list.read()));
      c.output(key + " range " + values(list.readRange(t(20), t(40))));
      list.clearRange(t(0), t(25));
      c.output(key + " after clear " + values(list.read()));
    }

    private static List<Long> values(Iterable<TimestampedValue<Long>> vs) {
      List<Long> out = new ArrayList<>();
      vs.forEach(v -> out.add(v.getValue()));
      return out;
    }
  }

  @Test
  void orderedListStateReadsInTimestampOrder() {
    PCollection<String> out = p.apply(stream()
            .addElements(at("a", 30, 30), at("a", 10, 10), at("b", 5, 5))
            .addElements(at("a", 40, 40), at("a", 20, 20), at("a", 21, 21)))
        .apply(ParDo.of(new OrderedFn()));
    PAssert.that(out).containsInAnyOrder(
        "a all [10, 20, 21, 30, 40]", "a range [20, 21, 30]", "a after clear [30, 40]",
        "b all [5]", "b range []", "b after clear []");
    p.run();
  }
}
