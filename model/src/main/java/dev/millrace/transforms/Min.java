package dev.millrace.transforms;

import dev.millrace.coders.DoubleCoder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.coders.VarLongCoder;

/**
 * The smallest element, globally (per window) or per key, by natural order or by a comparator.
 *
 * <pre>{@code
 * PCollection<Integer> m = numbers.apply(Min.integersGlobally());
 * PCollection<KV<String, Double>> perKey = readings.apply(Min.doublesPerKey());
 * PCollection<String> byLength = words.apply(Min.globally((a, b) -> a.length() - b.length()));
 * }</pre>
 *
 * <p>For an empty input in the global window, the integer, long and double forms yield the
 * identity of {@code min} ({@code Integer.MAX_VALUE}, {@code Long.MAX_VALUE}, {@code Double.POSITIVE_INFINITY}); the generic forms
 * ({@link #globally()}, {@link #of}) yield null, which is why their output coder is the input's
 * coder made nullable. Among elements that compare equal, any one may be chosen.
 */
public final class Min {
  private Min() {}

  /** The CombineFn taking the smallest integer. */
  public static CombineFn<Integer, ?, Integer> ofIntegers() {
    return new MinIntegers();
  }

  /** The CombineFn taking the smallest long. */
  public static CombineFn<Long, ?, Long> ofLongs() {
    return new MinLongs();
  }

  /** The CombineFn taking the smallest double. */
  public static CombineFn<Double, ?, Double> ofDoubles() {
    return new MinDoubles();
  }

  /** The CombineFn taking the smallest element by natural order. */
  public static <T extends Comparable<? super T>> CombineFn<T, ?, T> naturalOrder() {
    return new MinFn<T>("Min.naturalOrder", SerializableComparator.naturalOrder());
  }

  /** The CombineFn taking the smallest element by {@code comparator}. */
  public static <T> CombineFn<T, ?, T> of(SerializableComparator<? super T> comparator) {
    return new MinFn<T>("Min.of", java.util.Objects.requireNonNull(comparator, "comparator"));
  }

  /** The smallest element of each window by natural order. */
  public static <T extends Comparable<? super T>> Combine.Globally<T, T> globally() {
    return Combine.globally(Min.<T>naturalOrder());
  }

  /** The smallest element of each window by {@code comparator}. */
  public static <T> Combine.Globally<T, T> globally(SerializableComparator<? super T> comparator) {
    return Combine.globally(Min.<T>of(comparator));
  }

  /** The smallest value of each key by natural order. */
  public static <K, V extends Comparable<? super V>> Combine.PerKey<K, V, V> perKey() {
    return Combine.perKey(Min.<V>naturalOrder());
  }

  /** The smallest value of each key by {@code comparator}. */
  public static <K, V> Combine.PerKey<K, V, V> perKey(SerializableComparator<? super V> comparator) {
    return Combine.perKey(Min.<V>of(comparator));
  }

  /** The smallest integer of each window. */
  public static Combine.Globally<Integer, Integer> integersGlobally() {
    return Combine.globally(ofIntegers());
  }

  /** The smallest integer value of each key. */
  public static <K> Combine.PerKey<K, Integer, Integer> integersPerKey() {
    return Combine.perKey(ofIntegers());
  }

  /** The smallest long of each window. */
  public static Combine.Globally<Long, Long> longsGlobally() {
    return Combine.globally(ofLongs());
  }

  /** The smallest long value of each key. */
  public static <K> Combine.PerKey<K, Long, Long> longsPerKey() {
    return Combine.perKey(ofLongs());
  }

  /** The smallest double of each window. */
  public static Combine.Globally<Double, Double> doublesGlobally() {
    return Combine.globally(ofDoubles());
  }

  /** The smallest double value of each key. */
  public static <K> Combine.PerKey<K, Double, Double> doublesPerKey() {
    return Combine.perKey(ofDoubles());
  }

  /** The CombineFn of {@link #ofIntegers()}. */
  private static final class MinIntegers extends BinaryNumericFn<Integer> {
    MinIntegers() {
      super("Min.ofIntegers", Integer.MAX_VALUE, Math::min, VarIntCoder.of());
    }
  }

  /** The CombineFn of {@link #ofLongs()}. */
  private static final class MinLongs extends BinaryNumericFn<Long> {
    MinLongs() {
      super("Min.ofLongs", Long.MAX_VALUE, Math::min, VarLongCoder.of());
    }
  }

  /** The CombineFn of {@link #ofDoubles()}. */
  private static final class MinDoubles extends BinaryNumericFn<Double> {
    MinDoubles() {
      super("Min.ofDoubles", Double.POSITIVE_INFINITY, Math::min, DoubleCoder.of());
    }
  }

  /** The CombineFn of {@link #naturalOrder()} and {@link #of}. */
  private static final class MinFn<T> extends SelectFn<T> {
    MinFn(String name, SerializableComparator<? super T> comparator) {
      super(name, comparator, false);
    }
  }
}
