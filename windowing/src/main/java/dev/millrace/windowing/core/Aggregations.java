package dev.millrace.windowing.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Built-in {@link Aggregation}s. {@link #buffering()} is recognised by
 * {@link GroupAlsoByWindow}, which then keeps the values in a bag (appends stay O(1) in a
 * serializing backend) instead of re-encoding a growing list.
 */
public final class Aggregations {
  private Aggregations() {}

  /** Keeps every value; the output is the list of the pane's values in arrival order. */
  @SuppressWarnings("unchecked")
  public static <I> Aggregation<I, List<I>, List<I>> buffering() {
    return (Aggregation<I, List<I>, List<I>>) (Aggregation<?, ?, ?>) Buffering.INSTANCE;
  }

  /** Whether {@code aggregation} is {@link #buffering()}. */
  public static boolean isBuffering(Aggregation<?, ?, ?> aggregation) {
    return aggregation instanceof Buffering;
  }

  /** Sums longs; the empty sum is 0. */
  public static Aggregation<Long, Long, Long> summingLongs() {
    return LongFold.SUM;
  }

  /** The minimum of longs; the empty minimum is {@link Long#MAX_VALUE}. */
  public static Aggregation<Long, Long, Long> minLongs() {
    return LongFold.MIN;
  }

  private enum Buffering implements Aggregation<Object, List<Object>, List<Object>> {
    INSTANCE;

    @Override
    public List<Object> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<Object> addInput(List<Object> accumulator, Object input) {
      accumulator.add(input);
      return accumulator;
    }

    @Override
    public List<Object> mergeAccumulators(Iterable<List<Object>> accumulators) {
      List<Object> merged = new ArrayList<>();
      accumulators.forEach(merged::addAll);
      return merged;
    }

    @Override
    public List<Object> extractOutput(List<Object> accumulator) {
      return Collections.unmodifiableList(new ArrayList<>(accumulator));
    }
  }

  private enum LongFold implements Aggregation<Long, Long, Long> {
    SUM(0L) {
      @Override
      long fold(long a, long b) {
        return a + b;
      }
    },
    MIN(Long.MAX_VALUE) {
      @Override
      long fold(long a, long b) {
        return Math.min(a, b);
      }
    };

    private final long identity;

    LongFold(long identity) {
      this.identity = identity;
    }

    abstract long fold(long a, long b);

    @Override
    public Long createAccumulator() {
      return identity;
    }

    @Override
    public Long addInput(Long accumulator, Long input) {
      return fold(accumulator, input);
    }

    @Override
    public Long mergeAccumulators(Iterable<Long> accumulators) {
      long result = identity;
      for (Long a : accumulators) {
        result = fold(result, a);
      }
      return result;
    }

    @Override
    public Long extractOutput(Long accumulator) {
      return accumulator;
    }
  }
}
