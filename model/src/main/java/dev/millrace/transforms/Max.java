package dev.millrace.transforms;

import dev.millrace.coders.DoubleCoder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.coders.VarLongCoder;

/**
 * The largest element, globally (per window) or per key, by natural order or by a comparator.
 *
 * <pre>{@code
 * PCollection<Integer> m = numbers.apply(Max.integersGlobally());
 * PCollection<KV<String, Double>> perKey = readings.apply(Max.doublesPerKey());
 * PCollection<String> byLength = words.apply(Max.globally((a, b) -> a.length() - b.length()));
 * }</pre>
 *
 * <p>For an empty input in the global window, the integer, long and double forms yield the
 * identity of {@code max} ({@code Integer.MIN_VALUE}, {@code Long.MIN_VALUE}, {@code Double.NEGATIVE_INFINITY}); the generic forms
 * ({@link #globally()}, {@link #of}) yield null, which is why their output coder is the input's
 * coder made nullable. Among elements that compare equal, any one may be chosen.
 */
public final class Max {
  private Max() {}

  /** The CombineFn taking the largest integer. */
  public static CombineFn<Integer, ?, Integer> ofIntegers() {
    return new MaxIntegers();
  }

  /** The CombineFn taking the largest long. */
  public static CombineFn<Long, ?, Long> ofLongs() {
    return new MaxLongs();
  }

  /** The CombineFn taking the largest double. */
  public static CombineFn<Double, ?, Double> ofDoubles() {
    return new MaxDoubles();
  }

  /** The CombineFn taking the largest element by natural order. */
  public static <T extends Comparable<? super T>> CombineFn<T, ?, T> naturalOrder() {
    return new MaxFn<T>("Max.naturalOrder", SerializableComparator.naturalOrder());
  }

  /** The CombineFn taking the largest element by {@code comparator}. */
  public static <T> CombineFn<T, ?, T> of(SerializableComparator<? super T> comparator) {
    return new MaxFn<T>("Max.of", java.util.Objects.requireNonNull(comparator, "comparator"));
  }

  /** The largest element of each window by natural order. */
  public static <T extends Comparable<? super T>> Combine.Globally<T, T> globally() {
    return Combine.globally(Max.<T>naturalOrder());
  }

  /** The largest element of each window by {@code comparator}. */
  public static <T> Combine.Globally<T, T> globally(SerializableComparator<? super T> comparator) {
    return Combine.globally(Max.<T>of(comparator));
  }

  /** The largest value of each key by natural order. */
  public static <K, V extends Comparable<? super V>> Combine.PerKey<K, V, V> perKey() {
    return Combine.perKey(Max.<V>naturalOrder());
  }

  /** The largest value of each key by {@code comparator}. */
  public static <K, V> Combine.PerKey<K, V, V> perKey(SerializableComparator<? super V> comparator) {
    return Combine.perKey(Max.<V>of(comparator));
  }

  /** The largest integer of each window. */
  public static Combine.Globally<Integer, Integer> integersGlobally() {
    return Combine.globally(ofIntegers());
  }

  /** The largest integer value of each key. */
  public static <K> Combine.PerKey<K, Integer, Integer> integersPerKey() {
    return Combine.perKey(ofIntegers());
  }

  /** The largest long of each window. */
  public static Combine.Globally<Long, Long> longsGlobally() {
    return Combine.globally(ofLongs());
  }

  /** The largest long value of each key. */
  public static <K> Combine.PerKey<K, Long, Long> longsPerKey() {
    return Combine.perKey(ofLongs());
  }

  /** The largest double of each window. */
  public static Combine.Globally<Double, Double> doublesGlobally() {
    return Combine.globally(ofDoubles());
  }

  /** The largest double value of each key. */
  public static <K> Combine.PerKey<K, Double, Double> doublesPerKey() {
    return Combine.perKey(ofDoubles());
  }

  /** The CombineFn of {@link #ofIntegers()}. */
  private static final class MaxIntegers extends BinaryNumericFn<Integer> {
    MaxIntegers() {
      super("Max.ofIntegers", Integer.MIN_VALUE, Math::max, VarIntCoder.of());
    }
  }

  /** The CombineFn of {@link #ofLongs()}. */
  private static final class MaxLongs extends BinaryNumericFn<Long> {
    MaxLongs() {
      super("Max.ofLongs", Long.MIN_VALUE, Math::max, VarLongCoder.of());
    }
  }

  /** The CombineFn of {@link #ofDoubles()}. */
  private static final class MaxDoubles extends BinaryNumericFn<Double> {
    MaxDoubles() {
      super("Max.ofDoubles", Double.NEGATIVE_INFINITY, Math::max, DoubleCoder.of());
    }
  }

  /** The CombineFn of {@link #naturalOrder()} and {@link #of}. */
  private static final class MaxFn<T> extends SelectFn<T> {
    MaxFn(String name, SerializableComparator<? super T> comparator) {
      super(name, comparator, true);
    }
  }
}
