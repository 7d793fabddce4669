package dev.millrace.transforms;

import com.google.common.base.Preconditions;
import dev.millrace.Pipeline;
import dev.millrace.coders.CannotProvideCoderException;
import dev.millrace.coders.Coder;
import dev.millrace.coders.IterableCoder;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.VoidCoder;
import dev.millrace.internal.SerializableCheck;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionList;
import dev.millrace.values.PCollectionView;
import dev.millrace.windowing.GlobalWindows;
import java.util.ArrayList;
import java.util.List;

/**
 * Aggregates with a {@link CombineFn}: {@code Combine.globally(fn)} over the whole collection (per
 * window), {@code Combine.perKey(fn)} per key (and window), {@code Combine.groupedValues(fn)} over
 * the values of already-grouped pairs. Runners lift {@code perKey} combines: they pre-aggregate
 * before the shuffle and merge accumulators after it, with the same results.
 */
public final class Combine {
  private Combine() {}

  /** Combines all elements of each window into one value. */
  public static <I, O> Globally<I, O> globally(CombineFn<I, ?, O> fn) {
    return new Globally<>(fn, true);
  }

  /** Combines all elements of each window with a function of all of them. */
  public static <V> Globally<V, V> globally(SerializableFunction<Iterable<V>, V> fn) {
    return globally(new IterableCombineFn<>(fn));
  }

  /** Combines the values of each key and window into one value. */
  public static <K, I, O> PerKey<K, I, O> perKey(CombineFn<I, ?, O> fn) {
    return new PerKey<>(fn);
  }

  /** Combines the values of each key and window with a function of all of them. */
  public static <K, V> PerKey<K, V, V> perKey(SerializableFunction<Iterable<V>, V> fn) {
    return perKey(new IterableCombineFn<>(fn));
  }

  /** Combines the values of each already-grouped pair. */
  public static <K, I, O> GroupedValues<K, I, O> groupedValues(CombineFn<I, ?, O> fn) {
    return new GroupedValues<>(fn);
  }

  /**
   * {@link Combine#perKey}: a {@link GroupByKey} followed by {@link Combine#groupedValues}; runners
   * may execute it as a lifted combine instead.
   */
  public static final class PerKey<K, I, O>
      extends PTransform<PCollection<KV<K, I>>, PCollection<KV<K, O>>> {
    private final CombineFn<I, ?, O> fn;

    PerKey(CombineFn<I, ?, O> fn) {
      super("Combine.perKey(" + ParDo.displayName(fn) + ")");
      this.fn = Preconditions.checkNotNull(fn, "CombineFn");
    }

    public CombineFn<I, ?, O> getFn() {
      return fn;
    }

    @Override
    public PCollection<KV<K, O>> expand(PCollection<KV<K, I>> input) {
      return input
          .apply("GroupByKey", GroupByKey.<K, I>create())
          .apply("Combine.GroupedValues", new GroupedValues<>(fn));
    }
  }

  /** {@link Combine#groupedValues}. */
  public static final class GroupedValues<K, I, O>
      extends PTransform<PCollection<KV<K, Iterable<I>>>, PCollection<KV<K, O>>> {
    private final CombineFn<I, ?, O> fn;

    GroupedValues(CombineFn<I, ?, O> fn) {
      super("Combine.GroupedValues");
      this.fn = Preconditions.checkNotNull(fn, "CombineFn");
    }

    public CombineFn<I, ?, O> getFn() {
      return fn;
    }

    @Override
    @SuppressWarnings("unchecked")
    public PCollection<KV<K, O>> expand(PCollection<KV<K, Iterable<I>>> input) {
      Pipeline p = input.getPipeline();
      SerializableCheck.check(
          fn, "the CombineFn " + fn.getClass().getName() + " of step '" + p.currentStepName() + "'");
      Coder<?> inCoder = input.getCoder();
      Preconditions.checkState(
          inCoder instanceof KvCoder<?, ?>,
          "Combine.groupedValues in step '%s' needs a KV input with a KvCoder, got %s",
          p.currentStepName(), inCoder);
      KvCoder<K, Iterable<I>> kvCoder = (KvCoder<K, Iterable<I>>) inCoder;
      Coder<I> valueCoder = elementCoder(kvCoder.getValueCoder(), p);
      Coder<O> outCoder = outputCoder(fn, p, valueCoder);
      CombineFn<I, Object, O> f = (CombineFn<I, Object, O>) fn;
      PCollection<KV<K, O>> out = input.apply(ParDo.of(new CombineValuesFn<K, I, O>(f)));
      out.setCoder(KvCoder.of(kvCoder.getKeyCoder(), outCoder));
      return out;
    }
  }

  @SuppressWarnings("unchecked")
  private static <I> Coder<I> elementCoder(Coder<?> iterableCoder, Pipeline p) {
    if (iterableCoder instanceof IterableCoder<?> ic) {
      return (Coder<I>) ic.getElementCoder();
    }
    List<? extends Coder<?>> args = iterableCoder.getCoderArguments();
    Preconditions.checkState(args.size() == 1,
        "Combine in step '%s': cannot find the element coder of %s", p.currentStepName(),
        iterableCoder);
    return (Coder<I>) args.get(0);
  }

  static <I, O> Coder<O> outputCoder(CombineFn<I, ?, O> fn, Pipeline p, Coder<I> inputCoder) {
    try {
      return fn.getDefaultOutputCoder(p.getCoderRegistry(), inputCoder);
    } catch (CannotProvideCoderException e) {
      throw new IllegalStateException(
          "Combine in step '" + p.currentStepName() + "' cannot infer the output coder of "
              + fn.getClass().getName() + ": " + e.getMessage(), e);
    }
  }

  private static final class CombineValuesFn<K, I, O> extends DoFn<KV<K, Iterable<I>>, KV<K, O>> {
    private final CombineFn<I, Object, O> fn;

    CombineValuesFn(CombineFn<I, Object, O> fn) {
      this.fn = fn;
    }

    @Override
    public void processElement(ProcessContext c) {
      Object acc = fn.createAccumulator();
      for (I v : c.element().getValue()) {
        acc = fn.addInput(acc, v);
      }
      c.output(KV.of(c.element().getKey(), fn.extractOutput(acc)));
    }
  }

  /** {@link Combine#globally}. */
  public static final class Globally<I, O> extends PTransform<PCollection<I>, PCollection<O>> {
    private final CombineFn<I, ?, O> fn;
    private final boolean insertDefault;

    Globally(CombineFn<I, ?, O> fn, boolean insertDefault) {
      super("Combine.globally(" + ParDo.displayName(fn) + ")");
      this.fn = Preconditions.checkNotNull(fn, "CombineFn");
      this.insertDefault = insertDefault;
    }

    /** Outputs nothing for an empty input instead of the CombineFn's default value. */
    public Globally<I, O> withoutDefaults() {
      return new Globally<>(fn, false);
    }

    /** This combine followed by {@code View.asSingleton()}. */
    public PTransform<PCollection<I>, PCollectionView<O>> asSingletonView() {
      Globally<I, O> self = this;
      return new PTransform<>("Combine.GloballyAsSingletonView") {
        @Override
        public PCollectionView<O> expand(PCollection<I> input) {
          return input.apply(self).apply(View.asSingleton());
        }
      };
    }

    @Override
    public void validate(PCollection<I> input) {
      if (insertDefault && !(input.getWindowingStrategy().windowFn() instanceof GlobalWindows)) {
        throw new IllegalStateException(
            "Combine.globally in step '" + input.getPipeline().currentStepName() + "' is applied "
                + "to a windowed collection, where a default value for empty windows cannot be "
                + "produced. Use Combine.globally(fn).withoutDefaults().");
      }
    }

    @Override
    public PCollection<O> expand(PCollection<I> input) {
      Pipeline p = input.getPipeline();
      Coder<I> inCoder = input.getCoder();
      Coder<O> outCoder = outputCoder(fn, p, inCoder);
      PCollection<KV<Void, I>> keyed = input.apply("WithVoidKey", ParDo.of(new VoidKeyFn<I>()));
      keyed.setCoder(KvCoder.of(VoidCoder.of(), inCoder));
      PCollection<KV<Void, O>> combined = keyed.apply("Combine.perKey", new PerKey<Void, I, O>(fn));
      PCollection<O> values = combined.apply("Values", ParDo.of(new DropVoidKeyFn<O>()));
      values.setCoder(outCoder);
      if (!insertDefault) {
        return values;
      }
      PCollectionView<Iterable<O>> view = values.apply("AsIterable", View.asIterable());
      PCollection<O> defaults = p.apply("CreateVoid", Create.of((Void) null).withCoder(VoidCoder.of()))
          .apply("InsertDefault", ParDo.of(new InsertDefaultFn<>(fn, view)).withSideInputs(view));
      defaults.setCoder(outCoder);
      List<PCollection<O>> both = new ArrayList<>(List.of(values, defaults));
      return PCollectionList.of(both).apply("FlattenDefault", Flatten.pCollections());
    }
  }

  private static final class VoidKeyFn<I> extends DoFn<I, KV<Void, I>> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(KV.of(null, c.element()));
    }
  }

  private static final class DropVoidKeyFn<O> extends DoFn<KV<Void, O>, O> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element().getValue());
    }
  }

  /** Outputs the CombineFn's default once when the combined collection is empty. */
  private static final class InsertDefaultFn<O> extends DoFn<Void, O> {
    private final CombineFn<?, ?, O> fn;
    private final PCollectionView<Iterable<O>> view;

    InsertDefaultFn(CombineFn<?, ?, O> fn, PCollectionView<Iterable<O>> view) {
      this.fn = fn;
      this.view = view;
    }

    @Override
    public void processElement(ProcessContext c) {
      if (!c.sideInput(view).iterator().hasNext()) {
        c.output(fn.defaultValue());
      }
    }
  }

  /** A CombineFn from a function of all values, applied to partial results as well. */
  public static final class IterableCombineFn<V> extends CombineFn<V, List<V>, V> {
    private final SerializableFunction<Iterable<V>, V> fn;

    IterableCombineFn(SerializableFunction<Iterable<V>, V> fn) {
      this.fn = Preconditions.checkNotNull(fn);
    }

    @Override
    public List<V> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<V> addInput(List<V> acc, V input) {
      acc.add(input);
      if (acc.size() > 64) {
        V merged = fn.apply(acc);
        acc.clear();
        acc.add(merged);
      }
      return acc;
    }

    @Override
    public List<V> mergeAccumulators(Iterable<List<V>> accs) {
      List<V> all = new ArrayList<>();
      for (List<V> a : accs) {
        all.addAll(a);
      }
      return all;
    }

    @Override
    public V extractOutput(List<V> acc) {
      return fn.apply(acc);
    }

    @Override
    public Coder<List<V>> getAccumulatorCoder(
        dev.millrace.coders.CoderRegistry registry, Coder<V> inputCoder) {
      return dev.millrace.coders.ListCoder.of(inputCoder);
    }

    @Override
    public Coder<V> getDefaultOutputCoder(
        dev.millrace.coders.CoderRegistry registry, Coder<V> inputCoder) {
      return inputCoder;
    }
  }
}
