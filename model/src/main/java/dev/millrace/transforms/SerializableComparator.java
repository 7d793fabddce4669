package dev.millrace.transforms;

import java.io.Serializable;
import java.util.Comparator;

/**
 * A comparator that can be shipped to workers, as {@code Top}, {@code Min} and {@code Max} take.
 *
 * @param <T> the compared type
 */
@FunctionalInterface
public interface SerializableComparator<T> extends Comparator<T>, Serializable {
  /** The natural order of comparable values. */
  static <T extends Comparable<? super T>> SerializableComparator<T> naturalOrder() {
    return (a, b) -> a.compareTo(b);
  }
}
