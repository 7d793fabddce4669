package dev.millrace.windowing.core;

import java.io.Serializable;

/**
 * How a grouping folds the values of one key and window into its output, like Beam's
 * {@code CombineFn}: inputs are added to a mutable-or-immutable accumulator, accumulators of merged
 * windows are merged, and the output is extracted when a pane fires. A GroupByKey uses
 * {@link Aggregations#buffering()}, which keeps every value; a Combine uses a combining aggregation.
 *
 * <p>Implementations may mutate and return the accumulator passed in. {@link #extractOutput} must
 * not change the accumulator, because accumulating panes extract it again later.
 *
 * @param <I> the input type
 * @param <A> the accumulator type
 * @param <O> the output type
 */
public interface Aggregation<I, A, O> extends Serializable {
  /** A new, empty accumulator (its output is the value of an empty pane). */
  A createAccumulator();

  /** Adds {@code input} to {@code accumulator} and returns the result. */
  A addInput(A accumulator, I input);

  /** Merges accumulators (at least one) into one. */
  A mergeAccumulators(Iterable<A> accumulators);

  /** The output for {@code accumulator}. */
  O extractOutput(A accumulator);
}
