package dev.millrace.testing;

import com.google.common.base.Preconditions;
import dev.millrace.coders.Coder;
import dev.millrace.coders.KvCoder;
import dev.millrace.testing.internal.AssertionSite;
import dev.millrace.testing.internal.AssertionTransform;
import dev.millrace.testing.internal.ContainsInAnyOrderCheck;
import dev.millrace.testing.internal.Contents;
import dev.millrace.testing.internal.ContentsCheck;
import dev.millrace.testing.internal.MapCheck;
import dev.millrace.testing.internal.SatisfiesCheck;
import dev.millrace.testing.internal.SingletonCheck;
import dev.millrace.transforms.SerializableFunction;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * <p>Assertions see the elements of all windows and panes combined. Window- and pane-specific
 * assertions ({@code inWindow}, {@code inOnTimePane}, ...) are added by the event-time work.
 */
public final class PAssert {
  /** The counter incremented once per passing assertion. */
  public static final String SUCCESS_COUNTER = AssertionTransform.SUCCESSES;
  /** The counter incremented once per failing assertion. */
  public static final String FAILURE_COUNTER = AssertionTransform.FAILURES;

  private PAssert() {}

  /** Assertions on every element of {@code actual}. */
  public static <T> IterableAssert<T> that(PCollection<T> actual) {
    return new IterableAssertImpl<>(checkCollection(actual), null, AssertionSite.capture());
  }

  /** Assertions on every element of {@code actual}; {@code reason} is shown when one fails. */
  public static <T> IterableAssert<T> that(String reason, PCollection<T> actual) {
    return new IterableAssertImpl<>(checkCollection(actual), reason, AssertionSite.capture());
  }

  /** Assertions on the single element of {@code actual} (it fails unless there is exactly one). */
  public static <T> SingletonAssert<T> thatSingleton(PCollection<T> actual) {
    return new SingletonAssertImpl<>(checkCollection(actual), null, AssertionSite.capture());
  }

  /** Assertions on the single element of {@code actual}; {@code reason} is shown on failure. */
  public static <T> SingletonAssert<T> thatSingleton(String reason, PCollection<T> actual) {
    return new SingletonAssertImpl<>(checkCollection(actual), reason, AssertionSite.capture());
  }

  /**
   * Assertions on a collection of KV pairs read as a map; it fails if a key occurs more than once.
   * The collection's coder must be a {@link KvCoder}.
   */
  public static <K, V> SingletonAssert<Map<K, V>> thatMap(PCollection<KV<K, V>> actual) {
    checkCollection(actual);
    Coder<KV<K, V>> coder = actual.getCoder();
    Preconditions.checkArgument(coder instanceof KvCoder<?, ?>,
        "PAssert.thatMap needs a collection with a KvCoder, but '%s' has the coder %s. Set one "
            + "with setCoder(KvCoder.of(keyCoder, valueCoder)).", actual.getName(), coder);
    return new MapAssertImpl<>(actual, AssertionSite.capture());
  }

  private static <T> PCollection<T> checkCollection(PCollection<T> actual) {
    return Preconditions.checkNotNull(actual, "PAssert needs a PCollection, got null");
  }

  /**
   * Assertions about all elements of a collection. Each call applies one assertion step and
   * returns this object, so several can be chained.
   *
   * @param <T> the element type
   */
  public interface IterableAssert<T> {
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
  }

  /**
   * Assertions about the only element of a collection: each fails unless there is exactly one.
   * Each call applies one assertion step and returns this object.
   *
   * @param <T> the element type
   */
  public interface SingletonAssert<T> {
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

  private static String describe(String what, String reason) {
    return reason == null ? what : what + " [" + reason + "]";
  }

  private record IterableAssertImpl<T>(PCollection<T> actual, String reason, AssertionSite site)
      implements IterableAssert<T> {
    @Override
    @SafeVarargs
    public final IterableAssert<T> containsInAnyOrder(T... expected) {
      Preconditions.checkNotNull(expected, "containsInAnyOrder(null array): give the elements");
      return containsInAnyOrder(Arrays.asList(expected));
    }

    @Override
    @SuppressWarnings("unchecked")
    public IterableAssert<T> containsInAnyOrder(Iterable<T> expected) {
      Preconditions.checkNotNull(expected, "containsInAnyOrder(null): give the expected elements");
      List<byte[]> encoded = Contents.encode(actual.getCoder(), expected);
      return apply(encoded.isEmpty() ? "empty" : "containsInAnyOrder",
          new ContainsInAnyOrderCheck<>(encoded));
    }

    @Override
    public IterableAssert<T> empty() {
      return apply("empty", new ContainsInAnyOrderCheck<>(List.of()));
    }

    @Override
    public IterableAssert<T> satisfies(SerializableFunction<Iterable<T>, Void> checker) {
      Preconditions.checkNotNull(checker, "satisfies(null): give a checking function");
      return apply("satisfies", new SatisfiesCheck<>(checker));
    }

    private IterableAssert<T> apply(String what, ContentsCheck<T> check) {
      AssertionTransform.applyTo(
          actual, new AssertionTransform<>(describe(what, reason), check, site));
      return this;
    }
  }

  private record SingletonAssertImpl<T>(PCollection<T> actual, String reason, AssertionSite site)
      implements SingletonAssert<T> {
    @Override
    public SingletonAssert<T> isEqualTo(T expected) {
      return apply("thatSingleton.isEqualTo", SingletonCheck.isEqualTo(encode(expected)));
    }

    @Override
    public SingletonAssert<T> notEqualTo(T notExpected) {
      return apply("thatSingleton.notEqualTo", SingletonCheck.notEqualTo(encode(notExpected)));
    }

    @Override
    public SingletonAssert<T> satisfies(SerializableFunction<T, Void> checker) {
      Preconditions.checkNotNull(checker, "satisfies(null): give a checking function");
      return apply("thatSingleton.satisfies", SingletonCheck.satisfies(checker));
    }

    private byte[] encode(T value) {
      List<T> one = new ArrayList<>();
      one.add(value);
      return Contents.encode(actual.getCoder(), one).get(0);
    }

    private SingletonAssert<T> apply(String what, ContentsCheck<T> check) {
      AssertionTransform.applyTo(
          actual, new AssertionTransform<>(describe(what, reason), check, site));
      return this;
    }
  }

  private record MapAssertImpl<K, V>(PCollection<KV<K, V>> actual, AssertionSite site)
      implements SingletonAssert<Map<K, V>> {
    @Override
    public SingletonAssert<Map<K, V>> isEqualTo(Map<K, V> expected) {
      return apply("thatMap.isEqualTo", MapCheck.isEqualTo(entries(expected)));
    }

    @Override
    public SingletonAssert<Map<K, V>> notEqualTo(Map<K, V> notExpected) {
      return apply("thatMap.notEqualTo", MapCheck.notEqualTo(entries(notExpected)));
    }

    @Override
    public SingletonAssert<Map<K, V>> satisfies(SerializableFunction<Map<K, V>, Void> checker) {
      Preconditions.checkNotNull(checker, "satisfies(null): give a checking function");
      return apply("thatMap.satisfies", MapCheck.satisfies(checker));
    }

    private List<byte[]> entries(Map<K, V> map) {
      Preconditions.checkNotNull(map, "give the expected map (an empty one for none)");
      List<KV<K, V>> kvs = new ArrayList<>();
      map.forEach((k, v) -> kvs.add(KV.of(k, v)));
      return Contents.encode(actual.getCoder(), kvs);
    }

    private SingletonAssert<Map<K, V>> apply(String what, ContentsCheck<KV<K, V>> check) {
      AssertionTransform.applyTo(actual, new AssertionTransform<>(what, check, site));
      return this;
    }
  }
}
