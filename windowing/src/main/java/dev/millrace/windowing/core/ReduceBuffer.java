package dev.millrace.windowing.core;

import dev.millrace.windowing.StateCodec;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Where a grouping keeps the values of a window between panes: a bag, or an accumulator. */
interface ReduceBuffer<I, O> extends Serializable {
  void add(StateInternals s, StateNamespace ns, I value);

  /** Moves the contents of {@code sources} (which may include the result) into {@code result}. */
  void merge(StateInternals s, List<StateNamespace> sources, StateNamespace result);

  O extract(StateInternals s, StateNamespace ns);

  /** The tag of the buffer's one cell in a window's namespace. */
  StateTag<?> tag();

  void clear(StateInternals s, StateNamespace ns);

  /** Keeps every value in a bag; the output is the list of values. */
  record Bag<I>(StateTag<BagState<I>> tag) implements ReduceBuffer<I, List<I>> {
    static <I> Bag<I> of(StateCodec<I> valueCodec) {
      return new Bag<>(StateTag.bag("buffer", valueCodec));
    }

    @Override
    public void add(StateInternals s, StateNamespace ns, I value) {
      s.state(ns, tag).add(value);
    }

    @Override
    public void merge(StateInternals s, List<StateNamespace> sources, StateNamespace result) {
      BagState<I> target = s.state(result, tag);
      for (StateNamespace source : sources) {
        if (!source.equals(result)) {
          BagState<I> bag = s.state(source, tag);
          bag.read().forEach(target::add);
          bag.clear();
        }
      }
    }

    @Override
    public List<I> extract(StateInternals s, StateNamespace ns) {
      return Collections.unmodifiableList(new ArrayList<>(s.state(ns, tag).read()));
    }

    @Override
    public void clear(StateInternals s, StateNamespace ns) {
      s.state(ns, tag).clear();
    }
  }

  /** Folds values into an accumulator; the output is the aggregation's output. */
  record Combining<I, A, O>(StateTag<CombiningState<I, A, O>> tag) implements ReduceBuffer<I, O> {
    static <I, A, O> Combining<I, A, O> of(Aggregation<I, A, O> agg, StateCodec<A> accCodec) {
      return new Combining<>(StateTag.combining("accumulator", agg, accCodec));
    }

    @Override
    public void add(StateInternals s, StateNamespace ns, I value) {
      s.state(ns, tag).add(value);
    }

    @Override
    public void merge(StateInternals s, List<StateNamespace> sources, StateNamespace result) {
      mergeCombining(s, tag, sources, result);
    }

    @Override
    public O extract(StateInternals s, StateNamespace ns) {
      return s.state(ns, tag).read();
    }

    @Override
    public void clear(StateInternals s, StateNamespace ns) {
      s.state(ns, tag).clear();
    }
  }

  /** Merges the accumulators of {@code sources} into {@code result}, clearing the sources. */
  static <I, A, O> void mergeCombining(
      StateInternals s,
      StateTag<CombiningState<I, A, O>> tag,
      List<StateNamespace> sources,
      StateNamespace result) {
    List<A> accumulators = new ArrayList<>();
    for (StateNamespace source : sources) {
      CombiningState<I, A, O> cell = s.state(source, tag);
      A acc = cell.readAccumulator();
      if (acc != null) {
        accumulators.add(acc);
      }
      cell.clear();
    }
    CombiningState<I, A, O> target = s.state(result, tag);
    for (A acc : accumulators) {
      target.addAccumulator(acc);
    }
  }
}
