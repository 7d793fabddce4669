package dev.millrace.windowing.core;

/**
 * A cell that folds added inputs into an accumulator with an {@link Aggregation}.
 *
 * @param <I> the input type
 * @param <A> the accumulator type
 * @param <O> the output type
 */
public interface CombiningState<I, A, O> extends State {
  /** Folds {@code input} into the accumulator (creating it first if the cell is empty). */
  void add(I input);

  /** Merges another accumulator into this one (e.g. when windows merge). */
  void addAccumulator(A accumulator);

  /** The current accumulator, or {@code null} when the cell is empty. */
  A readAccumulator();

  /** The output of the current accumulator; of a fresh accumulator when the cell is empty. */
  O read();

  /** Whether nothing was added since the last clear. */
  boolean isEmpty();
}
