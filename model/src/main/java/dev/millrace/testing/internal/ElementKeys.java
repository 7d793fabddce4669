package dev.millrace.testing.internal;

import dev.millrace.coders.Coder;
import dev.millrace.coders.StructuralByteArray;

/**
 * Decides when two elements count as equal in an assertion. With a deterministic coder two
 * elements are equal when their encodings are, so assertions do not depend on the element type's
 * {@code equals}. With a non-deterministic coder (whose encodings of equal values may differ) the
 * decoded values' {@code equals} is used when the class defines one, and the encodings otherwise.
 * Internal.
 */
final class ElementKeys<T> {
  private final boolean deterministic;

  ElementKeys(Coder<T> coder) {
    this.deterministic = coder.isDeterministic();
  }

  /** The key under which {@code value}, whose encoding is {@code encoded}, is compared. */
  Object keyOf(T value, byte[] encoded) {
    if (deterministic || value == null || !definesEquals(value.getClass())) {
      return new StructuralByteArray(encoded);
    }
    return value;
  }

  private static boolean definesEquals(Class<?> c) {
    try {
      return c.getMethod("equals", Object.class).getDeclaringClass() != Object.class;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
