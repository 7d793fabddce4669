package dev.millrace.transforms;

import dev.millrace.coders.DoubleCoder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.coders.VarLongCoder;

/**
 * Sums numbers, globally (per window) or per key. An empty input sums to 0 in the global window.
 * Integer and long sums overflow silently, as Java arithmetic does; double sums may differ in the
 * last bits depending on the order of additions.
 *
 * <pre>{@code
 * PCollection<Integer> total = numbers.apply(Sum.integersGlobally());
 * PCollection<KV<String, Long>> perUser = scores.apply(Sum.longsPerKey());
 * }</pre>
 */
public final class Sum {
  private Sum() {}

  /** The CombineFn summing integers. */
  public static CombineFn<Integer, ?, Integer> ofIntegers() {
    return new SumIntegers();
  }

  /** The CombineFn summing longs. */
  public static CombineFn<Long, ?, Long> ofLongs() {
    return new SumLongs();
  }

  /** The CombineFn summing doubles. */
  public static CombineFn<Double, ?, Double> ofDoubles() {
    return new SumDoubles();
  }

  /** Sums all integers of each window. */
  public static Combine.Globally<Integer, Integer> integersGlobally() {
    return Combine.globally(ofIntegers());
  }

  /** Sums the integer values of each key. */
  public static <K> Combine.PerKey<K, Integer, Integer> integersPerKey() {
    return Combine.perKey(ofIntegers());
  }

  /** Sums all longs of each window. */
  public static Combine.Globally<Long, Long> longsGlobally() {
    return Combine.globally(ofLongs());
  }

  /** Sums the long values of each key. */
  public static <K> Combine.PerKey<K, Long, Long> longsPerKey() {
    return Combine.perKey(ofLongs());
  }

  /** Sums all doubles of each window. */
  public static Combine.Globally<Double, Double> doublesGlobally() {
    return Combine.globally(ofDoubles());
  }

  /** Sums the double values of each key. */
  public static <K> Combine.PerKey<K, Double, Double> doublesPerKey() {
    return Combine.perKey(ofDoubles());
  }

  /** The CombineFn of {@link #ofIntegers()}. */
  private static final class SumIntegers extends BinaryNumericFn<Integer> {
    SumIntegers() {
      super("Sum.ofIntegers", 0, Integer::sum, VarIntCoder.of());
    }
  }

  /** The CombineFn of {@link #ofLongs()}. */
  private static final class SumLongs extends BinaryNumericFn<Long> {
    SumLongs() {
      super("Sum.ofLongs", 0L, Long::sum, VarLongCoder.of());
    }
  }

  /** The CombineFn of {@link #ofDoubles()}. */
  private static final class SumDoubles extends BinaryNumericFn<Double> {
    SumDoubles() {
      super("Sum.ofDoubles", 0.0, Double::sum, DoubleCoder.of());
    }
  }
}
