package dev.millrace.transforms.state;

/**
 * An unordered collection of values that is cheap to add to; reads back every value added since
 * the last clear (the direct runner returns them in insertion order, but do not rely on it).
 *
 * @param <T> the element type
 */
public interface BagState<T> extends GroupingState<T, Iterable<T>> {
  @Override
  default BagState<T> readLater() {
    return this;
  }
}
