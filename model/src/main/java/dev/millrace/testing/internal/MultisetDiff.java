package dev.millrace.testing.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The difference between an expected and an actual multiset of elements (duplicates count):
 * which elements are missing from the actual contents and which are unexpected. An element whose
 * counts differ but that is expected or present more than once is shown with both counts, e.g.
 * {@code a (expected 2, actual 1)}. Internal.
 *
 * @param missing entries expected more often than they occur, rendered and sorted
 * @param unexpected entries occurring more often than expected, rendered and sorted
 */
public record MultisetDiff(List<String> missing, List<String> unexpected) {

  /** Compares the two multisets by the elements' comparison keys. */
  public static <T> MultisetDiff of(Contents<T> expected, Contents<T> actual) {
    Map<Object, Tally> tallies = new LinkedHashMap<>();
    for (int i = 0; i < expected.size(); i++) {
      tallies.computeIfAbsent(expected.keys().get(i), k -> new Tally())
          .seen(expected.values().get(i)).expected++;
    }
    for (int i = 0; i < actual.size(); i++) {
      tallies.computeIfAbsent(actual.keys().get(i), k -> new Tally())
          .seen(actual.values().get(i)).actual++;
    }
    List<Tally> missing = new ArrayList<>();
    List<Tally> unexpected = new ArrayList<>();
    for (Tally t : tallies.values()) {
      if (t.expected > t.actual) {
        missing.add(t);
      } else if (t.actual > t.expected) {
        unexpected.add(t);
      }
    }
    return new MultisetDiff(render(missing, true), render(unexpected, false));
  }

  /** Whether the two multisets are equal. */
  public boolean isEmpty() {
    return missing.isEmpty() && unexpected.isEmpty();
  }

  private static List<String> render(List<Tally> tallies, boolean missing) {
    List<String> out = new ArrayList<>();
    for (Tally t : Rendering.sortedBy(tallies, t -> t.value)) {
      boolean plain = missing ? t.actual == 0 && t.expected == 1 : t.expected == 0 && t.actual == 1;
      out.add(plain ? Rendering.value(t.value)
          : Rendering.value(t.value) + " (expected " + t.expected + ", actual " + t.actual + ")");
    }
    return out;
  }

  private static final class Tally {
    Object value;
    boolean hasValue;
    int expected;
    int actual;

    Tally seen(Object v) {
      if (!hasValue) {
        value = v;
        hasValue = true;
      }
      return this;
    }
  }
}
