package dev.millrace.windowing.core.inmemory;

import com.google.common.base.Preconditions;
import dev.millrace.windowing.core.Aggregation;
import dev.millrace.windowing.core.BagState;
import dev.millrace.windowing.core.CombiningState;
import dev.millrace.windowing.core.State;
import dev.millrace.windowing.core.StateNamespace;
import dev.millrace.windowing.core.StateTag;
import dev.millrace.windowing.core.ValueState;
import dev.millrace.windowing.core.WatermarkHoldState;
import dev.millrace.windowing.TimestampCombiner;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** The write-through views over {@link InMemoryStateInternals} cells, one per kind of state. */
final class StateViews {
  private StateViews() {}

  static State view(InMemoryStateInternals s, StateNamespace ns, StateTag<?> tag) {
    return switch (tag.kind()) {
      case VALUE -> new Value<>(s, ns, tag);
      case BAG -> new Bag<>(s, ns, tag);
      case COMBINING -> new Combining<>(s, ns, tag);
      case WATERMARK_HOLD -> new Hold(s, ns, tag);
    };
  }

  private abstract static class Base implements State {
    final InMemoryStateInternals s;
    final StateNamespace ns;
    final StateTag<?> tag;

    Base(InMemoryStateInternals s, StateNamespace ns, StateTag<?> tag) {
      this.s = s;
      this.ns = ns;
      this.tag = tag;
    }

    InMemoryStateInternals.Cell cell() {
      return s.cell(ns, tag.id());
    }

    @Override
    public void clear() {
      s.remove(ns, tag.id());
    }

    @Override
    public String toString() {
      return tag + "@" + ns;
    }
  }

  private static final class Value<T> extends Base implements ValueState<T> {
    Value(InMemoryStateInternals s, StateNamespace ns, StateTag<?> tag) {
      super(s, ns, tag);
    }

    @Override
    public T read() {
      InMemoryStateInternals.Cell c = cell();
      return c == null ? null : s.load(tag, c.value);
    }

    @Override
    public void write(T value) {
      Preconditions.checkNotNull(value, "cannot write null to %s; clear it instead", tag);
      s.getOrCreate(ns, tag, null).value = s.store(tag, value);
    }
  }

  private static final class Bag<T> extends Base implements BagState<T> {
    Bag(InMemoryStateInternals s, StateNamespace ns, StateTag<?> tag) {
      super(s, ns, tag);
    }

    @Override
    public void add(T value) {
      s.getOrCreate(ns, tag, InMemoryStateInternals.newList()).list().add(s.store(tag, value));
    }

    @Override
    public List<T> read() {
      InMemoryStateInternals.Cell c = cell();
      List<T> result = new ArrayList<>();
      if (c != null) {
        for (Object stored : c.list()) {
          result.add(s.load(tag, stored));
        }
      }
      return result;
    }

    @Override
    public boolean isEmpty() {
      return cell() == null;
    }
  }

  private static final class Combining<I, A, O> extends Base implements CombiningState<I, A, O> {
    Combining(InMemoryStateInternals s, StateNamespace ns, StateTag<?> tag) {
      super(s, ns, tag);
    }

    @SuppressWarnings("unchecked")
    private Aggregation<I, A, O> aggregation() {
      return (Aggregation<I, A, O>) tag.aggregation();
    }

    @Override
    public void add(I input) {
      A acc = readAccumulator();
      if (acc == null) {
        acc = aggregation().createAccumulator();
      }
      write(aggregation().addInput(acc, input));
    }

    @Override
    public void addAccumulator(A accumulator) {
      A acc = readAccumulator();
      write(acc == null ? accumulator : aggregation().mergeAccumulators(List.of(acc, accumulator)));
    }

    private void write(A acc) {
      s.getOrCreate(ns, tag, null).value = s.store(tag, acc);
    }

    @Override
    public A readAccumulator() {
      InMemoryStateInternals.Cell c = cell();
      return c == null ? null : s.load(tag, c.value);
    }

    @Override
    public O read() {
      A acc = readAccumulator();
      return aggregation().extractOutput(acc == null ? aggregation().createAccumulator() : acc);
    }

    @Override
    public boolean isEmpty() {
      return cell() == null;
    }
  }

  private static final class Hold extends Base implements WatermarkHoldState {
    Hold(InMemoryStateInternals s, StateNamespace ns, StateTag<?> tag) {
      super(s, ns, tag);
    }

    @Override
    public void add(long timestampMillis) {
      InMemoryStateInternals.Cell c = cell();
      Long old = c == null ? null : s.<Long>load(tag, c.value);
      long combined = old == null ? timestampMillis : combiner().combine(old, timestampMillis);
      if (old != null && old == combined) {
        return;
      }
      s.getOrCreate(ns, tag, null).value = s.store(tag, combined);
      s.holdChanged(old, combined);
    }

    @Override
    public OptionalLong read() {
      InMemoryStateInternals.Cell c = cell();
      return c == null ? OptionalLong.empty() : OptionalLong.of(s.<Long>load(tag, c.value));
    }

    @Override
    public TimestampCombiner combiner() {
      return tag.combiner();
    }
  }
}
