package dev.millrace.testing;

import com.google.common.base.Preconditions;
import dev.millrace.testing.PAssert.IterableAssert;
import dev.millrace.testing.PAssert.SingletonAssert;
import dev.millrace.testing.internal.AssertionSite;
import dev.millrace.testing.internal.AssertionTransform;
import dev.millrace.testing.internal.ContainsInAnyOrderCheck;
import dev.millrace.testing.internal.Contents;
import dev.millrace.testing.internal.ContentsCheck;
import dev.millrace.testing.internal.MapCheck;
import dev.millrace.testing.internal.MultimapCheck;
import dev.millrace.testing.internal.PaneSelector;
import dev.millrace.testing.internal.PaneSelector.Kind;
import dev.millrace.testing.internal.SatisfiesCheck;
import dev.millrace.testing.internal.SingletonCheck;
import dev.millrace.transforms.SerializableFunction;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.BoundedWindow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The implementations behind {@link PAssert}'s assertion interfaces: each holds the collection,
 * the optional reason, the declaration site and the optional window/pane selection, and applies
 * one {@link AssertionTransform} per assertion.
 */
final class Asserts {
  private Asserts() {}

  /**
   * What every assertion object shares: the pane selectors and applying a check.
   *
   * @param <T> the collection's element type
   * @param <A> the assertion interface returned
   */
  abstract static class Base<T, A> implements PAssert.PaneSelectable<A> {
    final PCollection<T> actual;
    final String reason;
    final AssertionSite site;
    final PaneSelector selector;

    Base(PCollection<T> actual, String reason, AssertionSite site, PaneSelector selector) {
      this.actual = actual;
      this.reason = reason;
      this.site = site;
      this.selector = selector;
    }

    /** The same assertion object, restricted by {@code selector}. */
    abstract A with(PaneSelector selector);

    @Override
    public A inWindow(BoundedWindow window) {
      return with(PaneSelector.of(Kind.ALL_PANES, window, actual));
    }

    @Override
    public A inOnTimePane(BoundedWindow window) {
      return with(PaneSelector.of(Kind.ON_TIME, window, actual));
    }

    @Override
    public A inFinalPane(BoundedWindow window) {
      return with(PaneSelector.of(Kind.FINAL, window, actual));
    }

    @Override
    public A inEarlyPane(BoundedWindow window) {
      return with(PaneSelector.of(Kind.EARLY, window, actual));
    }

    @Override
    public A inLatePane(BoundedWindow window) {
      return with(PaneSelector.of(Kind.LATE, window, actual));
    }

    @Override
    public A inCombinedNonLatePanes(BoundedWindow window) {
      return with(PaneSelector.of(Kind.NON_LATE, window, actual));
    }

    @Override
    public A inOnlyPane(BoundedWindow window) {
      return with(PaneSelector.of(Kind.ONLY, window, actual));
    }

    /** Applies one assertion step running {@code check}, and returns this object. */
    @SuppressWarnings("unchecked")
    A apply(String what, ContentsCheck<T> check) {
      String selected = selector == null ? what : selector.method() + "." + what;
      String described = reason == null ? selected : selected + " [" + reason + "]";
      AssertionTransform.applyTo(
          actual, new AssertionTransform<>(described, check, site, selector));
      return (A) this;
    }

    byte[] encodeOne(T value) {
      List<T> one = new ArrayList<>();
      one.add(value);
      return Contents.encode(actual.getCoder(), one).get(0);
    }
  }

  /** {@link PAssert#that}. */
  static final class IterableImpl<T> extends Base<T, IterableAssert<T>>
      implements IterableAssert<T> {
    IterableImpl(PCollection<T> actual, String reason, AssertionSite site, PaneSelector selector) {
      super(actual, reason, site, selector);
    }

    @Override
    IterableAssert<T> with(PaneSelector s) {
      return new IterableImpl<>(actual, reason, site, s);
    }

    @Override
    public IterableAssert<T> inEarlyGlobalWindowPanes() {
      return with(PaneSelector.earlyGlobal(actual));
    }

    @Override
    @SafeVarargs
    public final IterableAssert<T> containsInAnyOrder(T... expected) {
      Preconditions.checkNotNull(expected, "containsInAnyOrder(null array): give the elements");
      return containsInAnyOrder(Arrays.asList(expected));
    }

    @Override
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
  }

  /** {@link PAssert#thatSingleton}. */
  static final class SingletonImpl<T> extends Base<T, SingletonAssert<T>>
      implements SingletonAssert<T> {
    SingletonImpl(PCollection<T> actual, String reason, AssertionSite site, PaneSelector selector) {
      super(actual, reason, site, selector);
    }

    @Override
    SingletonAssert<T> with(PaneSelector s) {
      return new SingletonImpl<>(actual, reason, site, s);
    }

    @Override
    public SingletonAssert<T> isEqualTo(T expected) {
      return apply("thatSingleton.isEqualTo", SingletonCheck.isEqualTo(encodeOne(expected)));
    }

    @Override
    public SingletonAssert<T> notEqualTo(T notExpected) {
      return apply("thatSingleton.notEqualTo", SingletonCheck.notEqualTo(encodeOne(notExpected)));
    }

    @Override
    public SingletonAssert<T> satisfies(SerializableFunction<T, Void> checker) {
      Preconditions.checkNotNull(checker, "satisfies(null): give a checking function");
      return apply("thatSingleton.satisfies", SingletonCheck.satisfies(checker));
    }
  }

  /** {@link PAssert#thatMap}. */
  static final class MapImpl<K, V> extends Base<KV<K, V>, SingletonAssert<Map<K, V>>>
      implements SingletonAssert<Map<K, V>> {
    MapImpl(PCollection<KV<K, V>> actual, String reason, AssertionSite site, PaneSelector s) {
      super(actual, reason, site, s);
    }

    @Override
    SingletonAssert<Map<K, V>> with(PaneSelector s) {
      return new MapImpl<>(actual, reason, site, s);
    }

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
  }

  /** {@link PAssert#thatMultimap}. */
  static final class MultimapImpl<K, V>
      extends Base<KV<K, V>, SingletonAssert<Map<K, Iterable<V>>>>
      implements SingletonAssert<Map<K, Iterable<V>>> {
    MultimapImpl(PCollection<KV<K, V>> actual, String reason, AssertionSite site, PaneSelector s) {
      super(actual, reason, site, s);
    }

    @Override
    SingletonAssert<Map<K, Iterable<V>>> with(PaneSelector s) {
      return new MultimapImpl<>(actual, reason, site, s);
    }

    @Override
    public SingletonAssert<Map<K, Iterable<V>>> isEqualTo(Map<K, Iterable<V>> expected) {
      return apply("thatMultimap.isEqualTo", MultimapCheck.isEqualTo(entries(expected)));
    }

    @Override
    public SingletonAssert<Map<K, Iterable<V>>> notEqualTo(Map<K, Iterable<V>> notExpected) {
      return apply("thatMultimap.notEqualTo", MultimapCheck.notEqualTo(entries(notExpected)));
    }

    @Override
    public SingletonAssert<Map<K, Iterable<V>>> satisfies(
        SerializableFunction<Map<K, Iterable<V>>, Void> checker) {
      Preconditions.checkNotNull(checker, "satisfies(null): give a checking function");
      return apply("thatMultimap.satisfies", MultimapCheck.satisfies(checker));
    }

    private List<byte[]> entries(Map<K, Iterable<V>> multimap) {
      Preconditions.checkNotNull(multimap, "give the expected multimap (an empty one for none)");
      List<KV<K, V>> kvs = new ArrayList<>();
      multimap.forEach((k, values) -> {
        Preconditions.checkArgument(values != null && values.iterator().hasNext(),
            "thatMultimap: the expected key %s has no values, but every key of a multimap has at "
                + "least one. Leave the key out.", k);
        values.forEach(v -> kvs.add(KV.of(k, v)));
      });
      return Contents.encode(actual.getCoder(), kvs);
    }
  }
}
