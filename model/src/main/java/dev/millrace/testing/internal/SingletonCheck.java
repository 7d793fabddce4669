package dev.millrace.testing.internal;

import dev.millrace.coders.Coder;
import dev.millrace.transforms.SerializableFunction;
import java.util.List;

/**
 * The collection holds exactly one element, and that element is equal to an expected value, is
 * not equal to it, or satisfies a user function. Equality is decided as in {@link Contents}, by
 * encoded bytes when the coder is deterministic. Internal.
 *
 * @param <T> the element type
 */
public final class SingletonCheck<T> implements ContentsCheck<T> {
  private static final long serialVersionUID = 1L;

  private enum Mode { EQUAL, NOT_EQUAL, SATISFIES }

  private final Mode mode;
  private final byte[] expected;
  private final SerializableFunction<T, Void> fn;

  private SingletonCheck(Mode mode, byte[] expected, SerializableFunction<T, Void> fn) {
    this.mode = mode;
    this.expected = expected;
    this.fn = fn;
  }

  /** The single element equals the value whose encoding is given. */
  public static <T> SingletonCheck<T> isEqualTo(byte[] expected) {
    return new SingletonCheck<>(Mode.EQUAL, expected, null);
  }

  /** The single element does not equal the value whose encoding is given. */
  public static <T> SingletonCheck<T> notEqualTo(byte[] expected) {
    return new SingletonCheck<>(Mode.NOT_EQUAL, expected, null);
  }

  /** The single element satisfies the user's function. */
  public static <T> SingletonCheck<T> satisfies(SerializableFunction<T, Void> fn) {
    return new SingletonCheck<>(Mode.SATISFIES, null, fn);
  }

  @Override
  public void check(Contents<T> actual, Coder<T> coder) {
    if (actual.size() != 1) {
      throw new AssertionFailure(actual.size() == 0
          ? "Expected a single element" + expectation(coder) + ", but the collection is empty"
          : "Expected a single element" + expectation(coder) + ", but the collection has "
              + actual.size() + ": " + Rendering.list(actual.values()));
    }
    T value = actual.values().get(0);
    if (mode == Mode.SATISFIES) {
      fn.apply(value);
      return;
    }
    Contents<T> exp = Contents.decode(coder, List.of(expected));
    boolean equal = exp.keys().get(0).equals(actual.keys().get(0));
    if (mode == Mode.EQUAL && !equal) {
      throw new AssertionFailure("Expected: " + Rendering.value(exp.values().get(0))
          + "\n  Actual: " + Rendering.value(value));
    }
    if (mode == Mode.NOT_EQUAL && equal) {
      throw new AssertionFailure("Expected a value not equal to "
          + Rendering.value(exp.values().get(0)) + "\n  Actual: " + Rendering.value(value));
    }
  }

  private String expectation(Coder<T> coder) {
    return switch (mode) {
      case EQUAL -> " equal to "
          + Rendering.value(Contents.decode(coder, List.of(expected)).values().get(0));
      case NOT_EQUAL -> " not equal to "
          + Rendering.value(Contents.decode(coder, List.of(expected)).values().get(0));
      case SATISFIES -> "";
    };
  }
}
