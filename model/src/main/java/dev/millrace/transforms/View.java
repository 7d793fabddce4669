package dev.millrace.transforms;

import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderUtils;
import dev.millrace.internal.Truncate;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionView;
import dev.millrace.values.ViewFn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a collection into a {@link PCollectionView} that a {@code ParDo} reads as a side input
 * ({@code ParDo.of(fn).withSideInputs(view)}, then {@code c.sideInput(view)} in the DoFn):
 *
 * <ul>
 *   <li>{@code asSingleton()}: the single element of the window (an error if there are several, or
 *       none and no {@code withDefaultValue});
 *   <li>{@code asIterable()} / {@code asList()}: every element, unordered;
 *   <li>{@code asMap()}: a map of KV elements (an error on a duplicate key);
 *   <li>{@code asMultimap()}: a map from key to every value of that key.
 * </ul>
 *
 * <p>Views are immutable; a DoFn must not modify them.
 */
public final class View {
  private View() {}

  public static <T> AsSingleton<T> asSingleton() {
    return new AsSingleton<>(false, null);
  }

  public static <T> ViewTransform<T, Iterable<T>> asIterable() {
    return new ViewTransform<>("View.AsIterable", "asIterable", elements -> immutableList(elements));
  }

  public static <T> ViewTransform<T, List<T>> asList() {
    return new ViewTransform<>("View.AsList", "asList", elements -> immutableList(elements));
  }

  public static <K, V> ViewTransform<KV<K, V>, Map<K, V>> asMap() {
    return new ViewTransform<>("View.AsMap", "asMap", View::toMap);
  }

  public static <K, V> ViewTransform<KV<K, V>, Map<K, Iterable<V>>> asMultimap() {
    return new ViewTransform<>("View.AsMultimap", "asMultimap", View::toMultimap);
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> immutableList(List<?> elements) {
    return Collections.unmodifiableList(new ArrayList<>((List<T>) elements));
  }

  @SuppressWarnings("unchecked")
  private static <K, V> Map<K, V> toMap(List<?> elements) {
    Map<K, V> map = new LinkedHashMap<>();
    for (Object o : elements) {
      KV<K, V> kv = (KV<K, V>) o;
      if (map.containsKey(kv.getKey())) {
        throw new IllegalArgumentException(
            "View.asMap found the key " + Truncate.toString(kv.getKey()) + " more than once in a "
                + "window (values " + Truncate.toString(map.get(kv.getKey())) + " and "
                + Truncate.toString(kv.getValue()) + "). Use View.asMultimap() or make keys unique "
                + "first, e.g. with Combine.perKey(...).");
      }
      map.put(kv.getKey(), kv.getValue());
    }
    return Collections.unmodifiableMap(map);
  }

  @SuppressWarnings("unchecked")
  private static <K, V> Map<K, Iterable<V>> toMultimap(List<?> elements) {
    Map<K, List<V>> map = new LinkedHashMap<>();
    for (Object o : elements) {
      KV<K, V> kv = (KV<K, V>) o;
      map.computeIfAbsent(kv.getKey(), k -> new ArrayList<>()).add(kv.getValue());
    }
    Map<K, Iterable<V>> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, Collections.unmodifiableList(v)));
    return Collections.unmodifiableMap(out);
  }

  /** A transform producing a view with the given materialisation. */
  public static class ViewTransform<T, V> extends PTransform<PCollection<T>, PCollectionView<V>> {
    private final String kind;
    private final ViewFn<V> viewFn;

    ViewTransform(String name, String kind, ViewFn<V> viewFn) {
      super(name);
      this.kind = kind;
      this.viewFn = viewFn;
    }

    @Override
    public PCollectionView<V> expand(PCollection<T> input) {
      return input.apply(new CreatePCollectionView<>(PCollectionView.of(input, viewFn, kind)));
    }
  }

  /** {@link View#asSingleton()}, optionally with a default for empty windows. */
  public static final class AsSingleton<T> extends ViewTransform<T, T> {
    AsSingleton(boolean hasDefault, DefaultValue<T> def) {
      super("View.AsSingleton", "asSingleton", new SingletonFn<>(hasDefault, def));
    }

    /** Gives this value in windows where the collection has no element. */
    public AsSingleton<T> withDefaultValue(T value) {
      return new AsSingleton<>(true, new DefaultValue<>(value));
    }
  }

  /** Holds a default value, encoded lazily once the coder is known. */
  private static final class DefaultValue<T> implements java.io.Serializable {
    private transient T value;
    private byte[] encoded;
    private Coder<T> coder;

    DefaultValue(T value) {
      this.value = value;
    }

    void encodeWith(Coder<T> c) {
      try {
        coder = c;
        encoded = CoderUtils.encodeToByteArray(c, value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    T get() {
      if (value == null && encoded != null) {
        try {
          value = CoderUtils.decodeFromByteArray(coder, encoded);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return value;
    }
  }

  private record SingletonFn<T>(boolean hasDefault, DefaultValue<T> def) implements ViewFn<T> {
    @Override
    @SuppressWarnings("unchecked")
    public T apply(List<?> elements) {
      if (elements.size() == 1) {
        return (T) elements.get(0);
      }
      if (elements.isEmpty()) {
        if (hasDefault) {
          return def.get();
        }
        throw new IllegalArgumentException(
            "View.asSingleton found no element in a window. Give a default with "
                + "View.<T>asSingleton().withDefaultValue(value), or make sure every window has "
                + "exactly one element.");
      }
      throw new IllegalArgumentException(
          "View.asSingleton found " + elements.size() + " elements in one window (first ones: "
              + Truncate.toString(elements.subList(0, Math.min(3, elements.size())))
              + "), but a singleton view needs exactly one. Combine them first (e.g. "
              + "Combine.globally(...)) or use View.asList()/asIterable().");
    }
  }

  /**
   * The primitive behind every view: marks the collection as materialised for side-input access.
   * Runners execute it by collecting the collection's elements per window.
   */
  public static final class CreatePCollectionView<T, V>
      extends PTransform<PCollection<T>, PCollectionView<V>> {
    private final PCollectionView<V> view;

    CreatePCollectionView(PCollectionView<V> view) {
      super("CreatePCollectionView");
      this.view = view;
    }

    public PCollectionView<V> getView() {
      return view;
    }

    @Override
    @SuppressWarnings("unchecked")
    public PCollectionView<V> expand(PCollection<T> input) {
      if (view.getViewFn() instanceof SingletonFn<?> s && s.hasDefault()) {
        ((DefaultValue<T>) s.def()).encodeWith(input.getCoder());
      }
      return view;
    }
  }
}
