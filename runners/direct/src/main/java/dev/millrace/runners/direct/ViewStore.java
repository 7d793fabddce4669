package dev.millrace.runners.direct;

import dev.millrace.runners.core.SideInputReader;
import dev.millrace.values.PCollectionView;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.Timestamps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.ToLongFunction;

/**
 * The materialised side inputs of a run: the elements of every view per side-input window, and
 * the view values built from them once the window is complete (the viewed collection's watermark
 * has passed the window's end).
 */
final class ViewStore implements SideInputReader {
  private final Map<PCollectionView<?>, Map<BoundedWindow, Queue<Object>>> elements =
      new ConcurrentHashMap<>();
  private final Map<PCollectionView<?>, Map<BoundedWindow, Materialized>> values = new ConcurrentHashMap<>();
  private final ToLongFunction<PCollectionView<?>> watermarkOf;

  ViewStore(ToLongFunction<PCollectionView<?>> watermarkOf) {
    this.watermarkOf = watermarkOf;
  }

  void add(PCollectionView<?> view, BoundedWindow window, Object value) {
    elements
        .computeIfAbsent(view, v -> new ConcurrentHashMap<>())
        .computeIfAbsent(window, w -> new ConcurrentLinkedQueue<>())
        .add(value);
  }

  /** The side-input window read for a main-input window. */
  static BoundedWindow sideWindow(PCollectionView<?> view, BoundedWindow mainWindow) {
    return view.getWindowingStrategy().windowFn().sideInputWindow(mainWindow);
  }

  /** Whether the view can be read for the main-input window. */
  boolean isReady(PCollectionView<?> view, BoundedWindow mainWindow) {
    long wm = watermarkOf.applyAsLong(view);
    return wm >= Timestamps.MAX || wm > sideWindow(view, mainWindow).maxTimestampMillis();
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T get(PCollectionView<T> view, BoundedWindow mainWindow) {
    BoundedWindow side = sideWindow(view, mainWindow);
    return (T) values
        .computeIfAbsent(view, v -> new ConcurrentHashMap<>())
        .computeIfAbsent(side, w -> {
          Queue<Object> q = elements.getOrDefault(view, Map.of()).get(w);
          List<Object> list = q == null ? List.of() : new ArrayList<>(q);
          return new Materialized(view.getViewFn().apply(list));
        })
        .value();
  }

  private record Materialized(Object value) {}
}
