package dev.millrace.transforms.state;

/**
 * State folded with a {@code CombineFn}: added inputs go into an accumulator, {@link #read()}
 * extracts the output (of an empty accumulator when nothing was added).
 *
 * @param <InputT> the input type
 * @param <AccumT> the accumulator type
 * @param <OutputT> the output type
 */
public interface CombiningState<InputT, AccumT, OutputT> extends GroupingState<InputT, OutputT> {
  /** The current accumulator (a new, empty one when nothing was added). */
  AccumT getAccumulator();

  /** Merges an accumulator into the current one. */
  void addAccumulator(AccumT accumulator);

  @Override
  default CombiningState<InputT, AccumT, OutputT> readLater() {
    return this;
  }
}
