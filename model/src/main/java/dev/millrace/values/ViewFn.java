package dev.millrace.values;

import java.io.Serializable;
import java.util.List;

/**
 * How a side input is materialised: from the elements of one window of the viewed collection to
 * the value a {@code DoFn} reads with {@code c.sideInput(view)}. Runners call it once per window
 * and cache the result.
 *
 * @param <T> the type of the view's value
 */
@FunctionalInterface
public interface ViewFn<T> extends Serializable {
  /**
   * Builds the view's value from the window's elements (in no particular order).
   *
   * @throws IllegalArgumentException when the elements do not fit the view (e.g. two elements for
   *     a singleton), with a message that says how to fix the pipeline
   */
  T apply(List<?> elements);
}
