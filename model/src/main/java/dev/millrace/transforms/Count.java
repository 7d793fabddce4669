package dev.millrace.transforms;

import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderRegistry;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.coders.VoidCoder;
import dev.millrace.internal.LongAccumulatingFn;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;

/**
 * Counts elements:
 *
 * <ul>
 *   <li>{@link #globally()}: the number of elements (per window), 0 for an empty input in the
 *       global window;
 *   <li>{@link #perKey()}: the number of values of each key;
 *   <li>{@link #perElement()}: how many times each distinct element occurs, as {@code KV<element,
 *       count>} (elements are grouped by their encoding, so their coder must be deterministic).
 * </ul>
 *
 * <p>All three are built on {@link #combineFn()}, so runners count partially before shuffling.
 */
public final class Count {
  private Count() {}

  /** The CombineFn counting its inputs, with {@code Long} accumulator and output. */
  public static <T> CombineFn<T, ?, Long> combineFn() {
    return new CountFn<>();
  }

  /** Counts all elements of each window. */
  public static <T> Combine.Globally<T, Long> globally() {
    return Combine.globally(new CountFn<T>());
  }

  /** Counts the values of each key (and window). */
  public static <K, V> Combine.PerKey<K, V, Long> perKey() {
    return Combine.perKey(new CountFn<V>());
  }

  /** Counts the occurrences of each distinct element. */
  public static <T> PerElement<T> perElement() {
    return new PerElement<>();
  }

  /** {@link Count#perElement()}: keys each element by itself, then counts per key. */
  public static final class PerElement<T>
      extends PTransform<PCollection<T>, PCollection<KV<T, Long>>> {
    PerElement() {
      super("Count.PerElement");
    }

    @Override
    public PCollection<KV<T, Long>> expand(PCollection<T> input) {
      PCollection<KV<T, Void>> keyed = input.apply("Init", ParDo.of(new KeyByElementFn<T>()));
      keyed.setCoder(KvCoder.of(input.getCoder(), VoidCoder.of()));
      return keyed.apply("Count.PerKey", Count.<T, Void>perKey());
    }
  }

  /** Turns {@code e} into {@code KV(e, null)}. */
  private static final class KeyByElementFn<T> extends DoFn<T, KV<T, Void>> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(KV.of(c.element(), null));
    }
  }

  /** Counts inputs; the accumulator is the running count. */
  private static final class CountFn<T> extends CombineFn<T, Long, Long>
      implements LongAccumulatingFn<T, Long> {
    @Override
    public long zero() {
      return 0L;
    }

    @Override
    public long addInputLong(long accumulator, T input) {
      return accumulator + 1;
    }

    @Override
    public long mergeLongs(long a, long b) {
      return a + b;
    }

    @Override
    public Long extractLong(long accumulator) {
      return accumulator;
    }

    @Override
    public Long createAccumulator() {
      return 0L;
    }

    @Override
    public Long addInput(Long accumulator, T input) {
      return accumulator + 1;
    }

    @Override
    public Long mergeAccumulators(Iterable<Long> accumulators) {
      long sum = 0;
      for (Long a : accumulators) {
        sum += a;
      }
      return sum;
    }

    @Override
    public Long extractOutput(Long accumulator) {
      return accumulator;
    }

    @Override
    public Coder<Long> getAccumulatorCoder(CoderRegistry registry, Coder<T> inputCoder) {
      return VarLongCoder.of();
    }

    @Override
    public Coder<Long> getDefaultOutputCoder(CoderRegistry registry, Coder<T> inputCoder) {
      return VarLongCoder.of();
    }
  }
}
