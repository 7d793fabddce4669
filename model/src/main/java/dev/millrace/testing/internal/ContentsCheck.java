package dev.millrace.testing.internal;

import dev.millrace.coders.Coder;
import java.io.Serializable;

/**
 * One assertion about the whole contents of a collection, run once when every element is known.
 * Implementations hold expected values encoded (they are shipped to workers with the check).
 * Internal.
 *
 * @param <T> the element type
 */
@FunctionalInterface
public interface ContentsCheck<T> extends Serializable {
  /**
   * Checks the actual contents.
   *
   * @param actual the decoded elements of the collection
   * @param coder the collection's coder
   * @throws AssertionError when the assertion does not hold; an {@link AssertionFailure} carries a
   *     complete explanation, other errors come from user functions
   */
  void check(Contents<T> actual, Coder<T> coder);
}
