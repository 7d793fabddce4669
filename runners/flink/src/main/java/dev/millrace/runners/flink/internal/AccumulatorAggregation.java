package dev.millrace.runners.flink.internal;

import dev.millrace.transforms.CombineFn;
import dev.millrace.windowing.core.Aggregation;
import java.util.List;

/**
 * The windowing core's {@link Aggregation} for the merging half of a lifted combine: its inputs
 * are partial accumulators, which it merges; the output is the CombineFn's output.
 *
 * @param fn the combine function
 */
public record AccumulatorAggregation<A, O>(CombineFn<?, A, O> fn) implements Aggregation<A, A, O> {
  @Override
  public A createAccumulator() {
    return fn.createAccumulator();
  }

  @Override
  public A addInput(A accumulator, A input) {
    return fn.mergeAccumulators(List.of(accumulator, input));
  }

  @Override
  public A mergeAccumulators(Iterable<A> accumulators) {
    return fn.mergeAccumulators(accumulators);
  }

  @Override
  public O extractOutput(A accumulator) {
    return fn.extractOutput(accumulator);
  }
}
