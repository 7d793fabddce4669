package dev.millrace.internal;

/**
 * Implemented by a built-in {@code CombineFn} whose accumulator is a {@code Long}, so that a
 * runner can keep the accumulator as a primitive {@code long} (no boxed object per input) and
 * call these methods instead of the boxed ones. Not for user code: only final, built-in
 * functions implement it.
 *
 * <p>Contract, for every {@code long a, b} and input {@code x}: {@code createAccumulator()}
 * equals {@code zero()}, {@code addInput(a, x)} equals {@code addInputLong(a, x)} (and throws
 * alike), {@code mergeAccumulators([a, b])} equals {@code mergeLongs(a, b)}, and
 * {@code extractOutput(a)} equals {@code extractLong(a)}; {@code compact} is the identity.
 *
 * @param <InputT> the input type
 * @param <OutputT> the output type
 */
public interface LongAccumulatingFn<InputT, OutputT> {
  /** The empty accumulator. */
  long zero();

  /** Adds one input to the accumulator. */
  long addInputLong(long accumulator, InputT input);

  /** Merges two accumulators. */
  long mergeLongs(long a, long b);

  /** The output of an accumulator. */
  OutputT extractLong(long accumulator);
}
