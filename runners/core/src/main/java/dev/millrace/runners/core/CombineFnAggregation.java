package dev.millrace.runners.core;

import dev.millrace.transforms.CombineFn;
import dev.millrace.windowing.core.Aggregation;

/**
 * A {@link CombineFn} as the windowing core's {@link Aggregation}, for groupings that combine as
 * they go instead of buffering values.
 *
 * @param fn the combine function
 * @param <I> the input type
 * @param <A> the accumulator type
 * @param <O> the output type
 */
public record CombineFnAggregation<I, A, O>(CombineFn<I, A, O> fn) implements Aggregation<I, A, O> {
  @Override
  public A createAccumulator() {
    return fn.createAccumulator();
  }

  @Override
  public A addInput(A accumulator, I input) {
    return fn.addInput(accumulator, input);
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
