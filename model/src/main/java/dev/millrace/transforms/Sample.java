package dev.millrace.transforms;

import com.google.common.base.Preconditions;
import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderRegistry;
import dev.millrace.coders.DoubleCoder;
import dev.millrace.coders.IterableCoder;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.ListCoder;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Samples elements:
 *
 * <ul>
 *   <li>{@link #any(long)}: at most {@code limit} elements of each window, chosen arbitrarily
 *       (not randomly), as a {@code PCollection<T>};
 *   <li>{@link #fixedSizeGlobally(int)}: one {@code Iterable} per window holding a uniformly
 *       random sample of {@code n} elements (all of them when there are fewer; empty for an empty
 *       input in the global window);
 *   <li>{@link #fixedSizePerKey(int)}: such a sample of the values of each key.
 * </ul>
 *
 * <p>Random samples give every element the same chance: each element draws a random weight and
 * the {@code n} largest weights win, which merges correctly across bundles. The sample differs
 * from run to run.
 */
public final class Sample {
  private Sample() {}

  /** At most {@code limit} arbitrary elements of each window. */
  public static <T> PTransform<PCollection<T>, PCollection<T>> any(long limit) {
    Preconditions.checkArgument(limit >= 0, "Sample.any needs a limit >= 0, got %s", limit);
    return new Any<>(limit);
  }

  /** A uniformly random sample of {@code n} elements of each window, as one iterable. */
  public static <T> Combine.Globally<T, Iterable<T>> fixedSizeGlobally(int n) {
    return Combine.globally(Sample.<T>combineFn(n));
  }

  /** A uniformly random sample of {@code n} values of each key. */
  public static <K, V> Combine.PerKey<K, V, Iterable<V>> fixedSizePerKey(int n) {
    return Combine.perKey(Sample.<V>combineFn(n));
  }

  /** The CombineFn taking a uniformly random sample of {@code n} inputs. */
  public static <T> CombineFn<T, ?, Iterable<T>> combineFn(int n) {
    Preconditions.checkArgument(n >= 0, "Sample size must be >= 0, got %s", n);
    return new RandomSampleFn<>(n);
  }

  /** The CombineFn keeping at most {@code limit} arbitrary inputs. */
  public static <T> CombineFn<T, ?, List<T>> anyCombineFn(long limit) {
    Preconditions.checkArgument(limit >= 0, "Sample.any needs a limit >= 0, got %s", limit);
    return new LimitFn<>(limit);
  }

  /** {@link Sample#any}. */
  private static final class Any<T> extends PTransform<PCollection<T>, PCollection<T>> {
    private final long limit;

    Any(long limit) {
      super("Sample.Any");
      this.limit = limit;
    }

    @Override
    public PCollection<T> expand(PCollection<T> input) {
      PCollection<List<T>> lists = input.apply(
          "Combine.globally", Combine.globally(new LimitFn<T>(limit)).withoutDefaults());
      PCollection<T> out = lists.apply("Flatten", Flatten.iterables());
      return out.setCoder(input.getCoder());
    }
  }

  /** Keeps the first {@code limit} inputs it sees. */
  static final class LimitFn<T> extends CombineFn<T, List<T>, List<T>> {
    private final long limit;

    LimitFn(long limit) {
      this.limit = limit;
    }

    @Override
    public List<T> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<T> addInput(List<T> accumulator, T input) {
      if (accumulator.size() >= limit) {
        return accumulator;
      }
      List<T> acc = Composites.mutable(accumulator);
      acc.add(input);
      return acc;
    }

    @Override
    public List<T> mergeAccumulators(Iterable<List<T>> accumulators) {
      List<T> result = createAccumulator();
      for (List<T> a : accumulators) {
        for (T t : a) {
          if (result.size() >= limit) {
            return result;
          }
          result.add(t);
        }
      }
      return result;
    }

    @Override
    public List<T> extractOutput(List<T> accumulator) {
      return Collections.unmodifiableList(new ArrayList<>(accumulator));
    }

    @Override
    public Coder<List<T>> getAccumulatorCoder(CoderRegistry registry, Coder<T> inputCoder) {
      return ListCoder.of(inputCoder);
    }

    @Override
    public Coder<List<T>> getDefaultOutputCoder(CoderRegistry registry, Coder<T> inputCoder) {
      return ListCoder.of(inputCoder);
    }
  }

  /** Keeps the {@code n} inputs with the largest random weights. */
  private static final class RandomSampleFn<T>
      extends CombineFn<T, List<KV<Double, T>>, Iterable<T>> {
    private final int n;

    RandomSampleFn(int n) {
      this.n = n;
    }

    @Override
    public List<KV<Double, T>> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<KV<Double, T>> addInput(List<KV<Double, T>> accumulator, T input) {
      return offer(accumulator, KV.of(ThreadLocalRandom.current().nextDouble(), input));
    }

    /** Adds a weighted element, dropping the lightest when more than {@code n} are held. */
    private List<KV<Double, T>> offer(List<KV<Double, T>> accumulator, KV<Double, T> weighted) {
      if (n == 0) {
        return accumulator;
      }
      if (accumulator.size() < n) {
        List<KV<Double, T>> acc = Composites.mutable(accumulator);
        acc.add(weighted);
        return acc;
      }
      int lightest = 0;
      for (int i = 1; i < accumulator.size(); i++) {
        if (accumulator.get(i).getKey() < accumulator.get(lightest).getKey()) {
          lightest = i;
        }
      }
      if (weighted.getKey() <= accumulator.get(lightest).getKey()) {
        return accumulator;
      }
      List<KV<Double, T>> acc = Composites.mutable(accumulator);
      acc.set(lightest, weighted);
      return acc;
    }

    @Override
    public List<KV<Double, T>> mergeAccumulators(Iterable<List<KV<Double, T>>> accumulators) {
      List<KV<Double, T>> result = createAccumulator();
      for (List<KV<Double, T>> a : accumulators) {
        for (KV<Double, T> weighted : a) {
          result = offer(result, weighted);
        }
      }
      return result;
    }

    @Override
    public Iterable<T> extractOutput(List<KV<Double, T>> accumulator) {
      List<T> out = new ArrayList<>(accumulator.size());
      for (KV<Double, T> weighted : accumulator) {
        out.add(weighted.getValue());
      }
      return Collections.unmodifiableList(out);
    }

    @Override
    public Coder<List<KV<Double, T>>> getAccumulatorCoder(
        CoderRegistry registry, Coder<T> inputCoder) {
      return ListCoder.of(KvCoder.of(DoubleCoder.of(), inputCoder));
    }

    @Override
    public Coder<Iterable<T>> getDefaultOutputCoder(CoderRegistry registry, Coder<T> inputCoder) {
      return IterableCoder.of(inputCoder);
    }
  }
}
