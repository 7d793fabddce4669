package dev.millrace.transforms;

import dev.millrace.coders.AtomicCoder;
import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderRegistry;
import dev.millrace.coders.DoubleCoder;
import dev.millrace.coders.VarLongCoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The arithmetic mean of numbers, as a {@code Double}, globally (per window) or per key. The mean
 * of no numbers (an empty input in the global window) is {@code NaN}.
 *
 * <pre>{@code
 * PCollection<Double> avg = latencies.apply(Mean.globally());
 * PCollection<KV<String, Double>> avgPerUser = scores.apply(Mean.perKey());
 * }</pre>
 */
public final class Mean {
  private Mean() {}

  /** The CombineFn computing the mean; its accumulator is a (count, sum) pair. */
  public static <N extends Number> CombineFn<N, ?, Double> of() {
    return new MeanFn<>();
  }

  /** The mean of all numbers of each window. */
  public static <N extends Number> Combine.Globally<N, Double> globally() {
    return Combine.globally(Mean.<N>of());
  }

  /** The mean of the values of each key. */
  public static <K, N extends Number> Combine.PerKey<K, N, Double> perKey() {
    return Combine.perKey(Mean.<N>of());
  }

  /** A running count and sum; immutable. */
  record CountSum(long count, double sum) {
    CountSum plus(double value) {
      return new CountSum(count + 1, sum + value);
    }

    CountSum plus(CountSum other) {
      return new CountSum(count + other.count, sum + other.sum);
    }
  }

  /** The CombineFn behind {@link Mean}. */
  private static final class MeanFn<N extends Number> extends CombineFn<N, CountSum, Double> {
    @Override
    public CountSum createAccumulator() {
      return new CountSum(0, 0.0);
    }

    @Override
    public CountSum addInput(CountSum accumulator, N input) {
      if (input == null) {
        throw new IllegalArgumentException(
            "Mean cannot average a null value; filter out nulls first (Filter.by(x -> x != null))");
      }
      return accumulator.plus(input.doubleValue());
    }

    @Override
    public CountSum mergeAccumulators(Iterable<CountSum> accumulators) {
      CountSum result = createAccumulator();
      for (CountSum a : accumulators) {
        result = result.plus(a);
      }
      return result;
    }

    @Override
    public Double extractOutput(CountSum accumulator) {
      return accumulator.count() == 0 ? Double.NaN : accumulator.sum() / accumulator.count();
    }

    @Override
    public Coder<CountSum> getAccumulatorCoder(CoderRegistry registry, Coder<N> inputCoder) {
      return new CountSumCoder();
    }

    @Override
    public Coder<Double> getDefaultOutputCoder(CoderRegistry registry, Coder<N> inputCoder) {
      return DoubleCoder.of();
    }
  }

  /** Encodes a {@link CountSum} as its count then its sum. */
  static final class CountSumCoder extends AtomicCoder<CountSum> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(CountSum value, OutputStream out) throws IOException {
      VarLongCoder.of().encode(value.count(), out);
      DoubleCoder.of().encode(value.sum(), out);
    }

    @Override
    public CountSum decode(InputStream in) throws IOException {
      long count = VarLongCoder.of().decode(in);
      return new CountSum(count, DoubleCoder.of().decode(in));
    }
  }
}
