package dev.millrace.windowing.core;

import java.util.List;

/**
 * An append-only collection of values, read back in insertion order.
 *
 * @param <T> the type of the elements
 */
public interface BagState<T> extends State {
  /** Appends {@code value}. */
  void add(T value);

  /** A snapshot of every value added since the last clear, in insertion order. */
  List<T> read();

  /** Whether nothing was added since the last clear. */
  boolean isEmpty();
}
