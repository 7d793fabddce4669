package dev.millrace.testing.internal;

import dev.millrace.coders.Coder;
import dev.millrace.transforms.SerializableFunction;

/**
 * Passes the collection's elements to a user function that throws an {@link AssertionError}
 * (for example from AssertJ or JUnit assertions) when they are not as expected. Internal.
 *
 * @param fn the user's function; its return value is ignored
 * @param <T> the element type
 */
public record SatisfiesCheck<T>(SerializableFunction<Iterable<T>, Void> fn)
    implements ContentsCheck<T> {

  @Override
  public void check(Contents<T> actual, Coder<T> coder) {
    fn.apply(actual.values());
  }
}
