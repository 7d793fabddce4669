package dev.millrace.transforms.state;

/**
 * State that inputs are added to and that reads back as one result: a {@link BagState}, a
 * {@link SetState}, a {@link CombiningState} or an {@link OrderedListState}.
 *
 * @param <InputT> the type added
 * @param <OutputT> the type read
 */
public interface GroupingState<InputT, OutputT> extends ReadableState<OutputT>, State {
  /** Adds an input. */
  void add(InputT value);

  /** Whether nothing was added since the last clear (evaluated when read). */
  ReadableState<Boolean> isEmpty();
}
