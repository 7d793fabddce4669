package dev.millrace.transforms.state;

/**
 * A set of distinct values (by {@code equals}). {@link #read()} returns every member.
 *
 * @param <T> the element type
 */
public interface SetState<T> extends GroupingState<T, Iterable<T>> {
  /** Whether {@code value} is a member (evaluated when read). */
  ReadableState<Boolean> contains(T value);

  /** Adds {@code value}; the result reads true if it was not a member before. */
  ReadableState<Boolean> addIfAbsent(T value);

  /** Removes {@code value} if it is a member. */
  void remove(T value);

  @Override
  default SetState<T> readLater() {
    return this;
  }
}
