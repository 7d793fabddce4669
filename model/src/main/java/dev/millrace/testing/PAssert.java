package dev.millrace.testing;

import com.google.common.base.Preconditions;
import dev.millrace.coders.Coder;
import dev.millrace.coders.KvCoder;
import dev.millrace.testing.internal.AssertionSite;
import dev.millrace.testing.internal.AssertionTransform;
import dev.millrace.transforms.SerializableFunction;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.BoundedWindow;
import java.util.Map;

/**
 * Assertions on the contents of a {@link PCollection}, checked while the pipeline runs, on any
 * runner:
 *
 * <pre>{@code
 * PCollection<KV<String, Long>> counts = words.apply(Count.perElement());
 * PAssert.that(counts).containsInAnyOrder(KV.of("a", 2L), KV.of("b", 1L));
 * PAssert.thatSingleton(lines.apply(Count.globally())).isEqualTo(3L);
 * p.run();
 * }</pre>
 *
 * <p>Each assertion adds a step named {@code PAssert$1}, {@code PAssert$2}, ... that runs exactly
 * once, also when the collection is empty. A failed assertion fails the pipeline with an {@link
 * AssertionError} whose message names the step, the collection and the line that declared it,
 * followed by a readable diff, for example:
 *
 * <pre>
 * Expected (in any order): [a, b, c]
 *   Actual: [a, b, d]
 *   Missing: [c]
 *   Unexpected: [d]
 * </pre>
 *
 * <p>{@link TestPipeline#run()} rethrows that error itself. A passing assertion increments the
 * counter {@value #SUCCESS_COUNTER} of this class's namespace; {@code TestPipeline} fails a test
 * whose assertions did not all report success.
 *
 * <p>Expected values are encoded with the collection's coder when the assertion is declared (so
 * they must be of the element type) and compared with the actual elements by their encodings when
 * the coder is deterministic, so assertions do not depend on the element type's {@code equals}.
 * With a non-deterministic coder, {@code equals} of the decoded values is used when the class
 * defines it. Contents are multisets: duplicates count.
 *
 * <h2>Windows and panes</h2>
 *
 * <p>By default an assertion sees the elements of all windows and panes combined. The selectors of
 * {@link PaneSelectable} restrict it to one window, and within it to some panes, judged by the
 * window and {@link dev.millrace.windowing.PaneInfo} each element had in the collection:
 *
 * <pre>{@code
 * IntervalWindow first = new IntervalWindow(t0, t0.plus(Duration.ofMinutes(1)));
 * PAssert.that(sums).inEarlyPane(first).containsInAnyOrder(3L);
 * PAssert.that(sums).inOnTimePane(first).containsInAnyOrder(5L);
 * PAssert.thatSingleton(sums).inFinalPane(first).isEqualTo(6L);
 * }</pre>
 *
 * <p>A failure names the selector (e.g. {@code inOnTimePane([..))}) and lists what the window held
 * in each of its panes.
 */
public final class PAssert {
  /** The counter incremented once per passing assertion. */
  public static final String SUCCESS_COUNTER = AssertionTransform.SUCCESSES;
  /** The counter incremented once per failing assertion. */
  public static final String FAILURE_COUNTER = AssertionTransform.FAILURES;

  private PAssert() {}

  /** Assertions on every element of {@code actual}. */
  public static <T> IterableAssert<T> that(PCollection<T> actual) {
    return that(null, actual);
  }

  /** Assertions on every element of {@code actual}; {@code reason} is shown when one fails. */
  public static <T> IterableAssert<T> that(String reason, PCollection<T> actual) {
    return new Asserts.IterableImpl<>(checkCollection(actual), reason, AssertionSite.capture(),
        null);
  }

  /** Assertions on the single element of {@code actual} (it fails unless there is exactly one). */
  public static <T> SingletonAssert<T> thatSingleton(PCollection<T> actual) {
    return thatSingleton(null, actual);
  }

  /** Assertions on the single element of {@code actual}; {@code reason} is shown on failure. */
  public static <T> SingletonAssert<T> thatSingleton(String reason, PCollection<T> actual) {
    return new Asserts.SingletonImpl<>(checkCollection(actual), reason, AssertionSite.capture(),
        null);
  }

  /**
   * Assertions on a collection of KV pairs read as a map; it fails if a key occurs more than once.
   * The collection's coder must be a {@link KvCoder}.
   */
  public static <K, V> SingletonAssert<Map<K, V>> thatMap(PCollection<KV<K, V>> actual) {
    return thatMap(null, actual);
  }

  /** Like {@link #thatMap(PCollection)}; {@code reason} is shown on failure. */
  public static <K, V> SingletonAssert<Map<K, V>> thatMap(
      String reason, PCollection<KV<K, V>> actual) {
    checkKvCoder(checkCollection(actual), "thatMap");
    return new Asserts.MapImpl<>(actual, reason, AssertionSite.capture(), null);
  }

  /**
   * Assertions on a collection of KV pairs read as a multimap: each key with all of its values.
   * Expected multimaps give each key's values as an {@code Iterable}; they are compared in any
   * order, duplicates counting, and a key must have at least one value. The collection's coder
   * must be a {@link KvCoder}.
   */
  public static <K, V> SingletonAssert<Map<K, Iterable<V>>> thatMultimap(
      PCollection<KV<K, V>> actual) {
    return thatMultimap(null, actual);
  }

  /** Like {@link #thatMultimap(PCollection)}; {@code reason} is shown on failure. */
  public static <K, V> SingletonAssert<Map<K, Iterable<V>>> thatMultimap(
      String reason, PCollection<KV<K, V>> actual) {
    checkKvCoder(checkCollection(actual), "thatMultimap");
    return new Asserts.MultimapImpl<>(actual, reason, AssertionSite.capture(), null);
  }

  private static <T> PCollection<T> checkCollection(PCollection<T> actual) {
    return Preconditions.checkNotNull(actual, "PAssert needs a PCollection, got null");
  }

  private static void checkKvCoder(PCollection<?> actual, String method) {
    Coder<?> coder = actual.getCoder();
    Preconditions.checkArgument(coder instanceof KvCoder<?, ?>,
        "PAssert.%s needs a collection with a KvCoder, but '%s' has the coder %s. Set one "
            + "with setCoder(KvCoder.of(keyCoder, valueCoder)).", method, actual.getName(), coder);
  }

  /**
   * Restricts the following assertions to the elements of one window and some of its panes, by
   * the window and pane each element had in the collection. Each selector returns a new assertion
   * object (replacing any earlier selection); the default, without a selector, checks all elements
   * of all windows. The window must be of the type the collection's window function assigns.
   * Selected panes follow Beam: a pane's timing is EARLY before the watermark passes the end of
   * the window, ON_TIME for the pane fired when it does, and LATE after.
   *
   * @param <A> the type of assertion object returned
   */
  public interface PaneSelectable<A> {
    /** Only the elements of {@code window}, all of its panes combined. */
    A inWindow(BoundedWindow window);

    /** Only the elements of the ON_TIME pane of {@code window} (none if it has no such pane). */
    A inOnTimePane(BoundedWindow window);

    /**
     * Only the elements of the final pane of {@code window}: the pane marked last, which fires
     * when the window expires or its trigger finishes (none if no pane is marked last).
     */
    A inFinalPane(BoundedWindow window);

    /** Only the elements of the EARLY panes of {@code window}, all combined. */
    A inEarlyPane(BoundedWindow window);

    /** Only the elements of the LATE panes of {@code window}, all combined. */
    A inLatePane(BoundedWindow window);

    /** Only the elements of the EARLY and ON_TIME panes of {@code window}, all combined. */
    A inCombinedNonLatePanes(BoundedWindow window);

    /**
     * The elements of {@code window}, which must all be in a single pane that is both first and
     * last (as produced by a trigger that fires at most once); a window with any other pane fails
     * the assertion.
     */
    A inOnlyPane(BoundedWindow window);
  }

  /**
   * Assertions about all elements of a collection. Each call applies one assertion step and
   * returns this object, so several can be chained.
   *
   * @param <T> the element type
   */
  public interface IterableAssert<T> extends PaneSelectable<IterableAssert<T>> {
    /** The collection holds exactly these elements, in any order (duplicates count). */
    @SuppressWarnings("unchecked")
    IterableAssert<T> containsInAnyOrder(T... expected);

    /** The collection holds exactly these elements, in any order (duplicates count). */
    IterableAssert<T> containsInAnyOrder(Iterable<T> expected);

    /** The collection has no elements. */
    IterableAssert<T> empty();

    /**
     * The function, given all elements, returns normally; it signals a failure by throwing an
     * {@link AssertionError} (for example from AssertJ or JUnit assertions). Return null.
     */
    IterableAssert<T> satisfies(SerializableFunction<Iterable<T>, Void> checker);

    /**
     * Only the elements of the EARLY panes of the global window, all combined: what a trigger
     * emitted before the end of input. The collection must be in {@code GlobalWindows}.
     */
    IterableAssert<T> inEarlyGlobalWindowPanes();
  }

  /**
   * Assertions about the only element of a collection (or of the selected window and panes): each
   * fails unless there is exactly one. Each call applies one assertion step and returns this
   * object.
   *
   * @param <T> the element type
   */
  public interface SingletonAssert<T> extends PaneSelectable<SingletonAssert<T>> {
    /** The element equals {@code expected}. */
    SingletonAssert<T> isEqualTo(T expected);

    /** The element does not equal {@code notExpected}. */
    SingletonAssert<T> notEqualTo(T notExpected);

    /**
     * The function, given the element, returns normally; it signals a failure by throwing an
     * {@link AssertionError}. Return null.
     */
    SingletonAssert<T> satisfies(SerializableFunction<T, Void> checker);
  }
}
