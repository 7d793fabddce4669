package dev.millrace.runners.microbatch;

import com.google.common.base.Preconditions;
import dev.millrace.windowing.TimestampCombiner;
import dev.millrace.windowing.core.Aggregation;
import dev.millrace.windowing.core.BagState;
import dev.millrace.windowing.core.CombiningState;
import dev.millrace.windowing.core.State;
import dev.millrace.windowing.core.StateNamespace;
import dev.millrace.windowing.core.StateTag;
import dev.millrace.windowing.core.ValueState;
import dev.millrace.windowing.core.WatermarkHoldState;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** The write-through views over {@link KeyState} cells, one per kind of state. */
final class KeyStateViews {
  private KeyStateViews() {}

  static State view(KeyState s, StateNamespace ns, StateTag<?> tag) {
    return switch (tag.kind()) {
      case VALUE -> new Value<>(s, ns, tag);
      case BAG -> new Bag<>(s, ns, tag);
      case COMBINING -> new Combining<>(s, ns, tag);
      case WATERMARK_HOLD -> new Hold(s, ns, tag);
    };
  }

  private abstract static class Base implements State {
    final KeyState s;
    final StateNamespace ns;
    final StateTag<?> tag;

    Base(KeyState s, StateNamespace ns, StateTag<?> tag) {
      this.s = s;
      this.ns = ns;
      this.tag = tag;
    }

    KeyState.Cell cell() {
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
    Value(KeyState s, StateNamespace ns, StateTag<?> tag) {
      super(s, ns, tag);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T read() {
      KeyState.Cell c = cell();
      return c == null ? null : (T) c.value;
    }

    @Override
    public void write(T value) {
      Preconditions.checkNotNull(value, "cannot write null to %s; clear it instead", tag);
      s.getOrCreate(ns, tag, null).value = value;
    }
  }

  private static final class Bag<T> extends Base implements BagState<T> {
    Bag(KeyState s, StateNamespace ns, StateTag<?> tag) {
      super(s, ns, tag);
    }

    @Override
    public void add(T value) {
      s.getOrCreate(ns, tag, new ArrayList<>()).list().add(value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<T> read() {
      KeyState.Cell c = cell();
      return c == null ? new ArrayList<>() : new ArrayList<>((List<T>) c.list());
    }

    @Override
    public boolean isEmpty() {
      return cell() == null;
    }
  }

  private static final class Combining<I, A, O> extends Base implements CombiningState<I, A, O> {
    Combining(KeyState s, StateNamespace ns, StateTag<?> tag) {
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
      s.getOrCreate(ns, tag, null).value = acc;
    }

    @Override
    @SuppressWarnings("unchecked")
    public A readAccumulator() {
      KeyState.Cell c = cell();
      return c == null ? null : (A) c.value;
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
    Hold(KeyState s, StateNamespace ns, StateTag<?> tag) {
      super(s, ns, tag);
    }

    @Override
    public void add(long timestampMillis) {
      KeyState.Cell c = cell();
      Long old = c == null ? null : (Long) c.value;
      long combined = old == null ? timestampMillis : combiner().combine(old, timestampMillis);
      if (old != null && old == combined) {
        return;
      }
      s.getOrCreate(ns, tag, null).value = combined;
      s.holdChanged(old, combined);
    }

    @Override
    public OptionalLong read() {
      KeyState.Cell c = cell();
      return c == null ? OptionalLong.empty() : OptionalLong.of((Long) c.value);
    }

    @Override
    public TimestampCombiner combiner() {
      return tag.combiner();
    }
  }
}
