package dev.millrace.transforms;

import com.google.common.base.Preconditions;
import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderRegistry;
import dev.millrace.coders.ListCoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The {@code n} largest elements, globally (per window) or per key, as a {@code List} sorted from
 * largest to smallest under the comparator (so {@link #smallest} lists from smallest to
 * largest). Fewer than {@code n} inputs give all of them; no inputs give an empty list. Among
 * elements that compare equal, which ones are kept is unspecified.
 *
 * <pre>{@code
 * PCollection<List<Integer>> top3 = scores.apply(Top.largest(3));
 * PCollection<KV<String, List<Long>>> top3PerUser = latencies.apply(Top.largestPerKey(3));
 * PCollection<List<String>> longest = words.apply(Top.of(2, (a, b) -> a.length() - b.length()));
 * }</pre>
 */
public final class Top {
  private Top() {}

  /** The CombineFn keeping the {@code count} largest inputs under {@code comparator}. */
  public static <T> CombineFn<T, ?, List<T>> combineFn(
      int count, SerializableComparator<? super T> comparator) {
    return new TopFn<>(count, comparator);
  }

  /** The {@code count} largest elements of each window under {@code comparator}. */
  public static <T> Combine.Globally<T, List<T>> of(
      int count, SerializableComparator<? super T> comparator) {
    return Combine.globally(combineFn(count, comparator));
  }

  /** The {@code count} largest elements of each window, largest first. */
  public static <T extends Comparable<? super T>> Combine.Globally<T, List<T>> largest(int count) {
    return of(count, SerializableComparator.<T>naturalOrder());
  }

  /** The {@code count} smallest elements of each window, smallest first. */
  public static <T extends Comparable<? super T>> Combine.Globally<T, List<T>> smallest(
      int count) {
    return of(count, Top.<T>reverseOrder());
  }

  /** The {@code count} largest values of each key under {@code comparator}. */
  public static <K, V> Combine.PerKey<K, V, List<V>> perKey(
      int count, SerializableComparator<? super V> comparator) {
    return Combine.perKey(combineFn(count, comparator));
  }

  /** The {@code count} largest values of each key, largest first. */
  public static <K, V extends Comparable<? super V>> Combine.PerKey<K, V, List<V>> largestPerKey(
      int count) {
    return perKey(count, SerializableComparator.<V>naturalOrder());
  }

  /** The {@code count} smallest values of each key, smallest first. */
  public static <K, V extends Comparable<? super V>> Combine.PerKey<K, V, List<V>> smallestPerKey(
      int count) {
    return perKey(count, Top.<V>reverseOrder());
  }

  private static <T extends Comparable<? super T>> SerializableComparator<T> reverseOrder() {
    return (a, b) -> b.compareTo(a);
  }

  /** Keeps the largest inputs in a list sorted largest first. */
  private static final class TopFn<T> extends CombineFn<T, List<T>, List<T>> {
    private final int count;
    private final SerializableComparator<? super T> comparator;

    TopFn(int count, SerializableComparator<? super T> comparator) {
      Preconditions.checkArgument(count >= 0, "Top needs a count >= 0, got %s", count);
      this.count = count;
      this.comparator = Preconditions.checkNotNull(comparator, "Top needs a comparator");
    }

    @Override
    public List<T> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<T> addInput(List<T> accumulator, T input) {
      int size = accumulator.size();
      if (size == count && (count == 0 || comparator.compare(input, accumulator.get(size - 1)) <= 0)) {
        return accumulator;
      }
      ArrayList<T> acc = Composites.mutable(accumulator);
      int pos = insertionPoint(acc, input);
      acc.add(pos, input);
      if (acc.size() > count) {
        acc.remove(acc.size() - 1);
      }
      return acc;
    }

    /** The first index whose element is smaller than {@code input} (binary search). */
    private int insertionPoint(List<T> sortedDescending, T input) {
      int lo = 0;
      int hi = sortedDescending.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (comparator.compare(sortedDescending.get(mid), input) >= 0) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    @Override
    public List<T> mergeAccumulators(Iterable<List<T>> accumulators) {
      List<T> result = createAccumulator();
      for (List<T> a : accumulators) {
        for (T t : a) {
          result = addInput(result, t);
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
}
