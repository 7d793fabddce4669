package dev.millrace.testing.internal;

import dev.millrace.internal.Truncate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Renders values and lists of values for assertion messages: each value cut to a readable length,
 * lists sorted (naturally when the values are mutually comparable, else by their text) so that two
 * lists can be compared by eye, and long lists cut after {@link #MAX_SHOWN} entries. Internal.
 */
public final class Rendering {
  /** How many entries of a list a message shows. */
  public static final int MAX_SHOWN = 50;

  private Rendering() {}

  /** One value, truncated. */
  public static String value(Object v) {
    return Truncate.toString(v);
  }

  /** Values sorted and rendered as {@code [a, b, c]}, cut after {@link #MAX_SHOWN}. */
  public static String list(List<?> values) {
    List<String> rendered = new ArrayList<>();
    for (Object v : sorted(values)) {
      rendered.add(value(v));
    }
    return strings(rendered);
  }

  /** Already rendered entries as {@code [a, b, c]}, cut after {@link #MAX_SHOWN}. */
  public static String strings(List<String> entries) {
    StringBuilder sb = new StringBuilder("[");
    int shown = Math.min(entries.size(), MAX_SHOWN);
    for (int i = 0; i < shown; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(entries.get(i));
    }
    if (entries.size() > shown) {
      sb.append(", … (").append(entries.size() - shown).append(" more, ")
          .append(entries.size()).append(" in total)");
    }
    return sb.append(']').toString();
  }

  /** A sorted copy: natural order when all values are comparable with each other, else by text. */
  public static <T> List<T> sorted(List<T> values) {
    return sortedBy(values, v -> v);
  }

  /**
   * A copy of {@code entries} sorted by the value each one shows: naturally when all values are
   * comparable with each other, else by their text.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <E> List<E> sortedBy(List<E> entries, Function<E, Object> valueOf) {
    List<E> copy = new ArrayList<>(entries);
    List<Object> values = new ArrayList<>();
    for (E e : copy) {
      values.add(valueOf.apply(e));
    }
    if (commonComparableClass(values) != null) {
      try {
        Comparator<Object> natural = (Comparator) Comparator.nullsFirst(Comparator.naturalOrder());
        copy.sort((a, b) -> natural.compare(valueOf.apply(a), valueOf.apply(b)));
        return copy;
      } catch (RuntimeException e) {
        // compareTo failed: fall back to the text order
      }
    }
    copy.sort(Comparator.comparing(e -> value(valueOf.apply(e))));
    return copy;
  }

  private static Class<?> commonComparableClass(List<?> values) {
    Class<?> common = null;
    for (Object v : values) {
      if (v == null) {
        continue;
      }
      if (!(v instanceof Comparable<?>) || (common != null && common != v.getClass())) {
        return null;
      }
      common = v.getClass();
    }
    return common;
  }
}
