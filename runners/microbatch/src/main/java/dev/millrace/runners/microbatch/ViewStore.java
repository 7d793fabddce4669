package dev.millrace.runners.microbatch;

import dev.millrace.runners.core.ExecutableStep.ViewStep;
import dev.millrace.runners.core.SideInputReader;
import dev.millrace.values.PCollectionView;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.StateCodecs;
import dev.millrace.windowing.Timestamps;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
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
 * has passed the window's end). The elements are part of the checkpoint; built values are not.
 */
final class ViewStore implements SideInputReader {
  private final Map<PCollectionView<?>, Map<BoundedWindow, Queue<Object>>> elements =
      new ConcurrentHashMap<>();
  private final Map<PCollectionView<?>, Map<BoundedWindow, Materialized>> values =
      new ConcurrentHashMap<>();
  private final ToLongFunction<PCollectionView<?>> watermarkOf;
  private final List<ViewStep> steps;

  ViewStore(ToLongFunction<PCollectionView<?>> watermarkOf, List<ViewStep> steps) {
    this.watermarkOf = watermarkOf;
    this.steps = steps;
  }

  void add(PCollectionView<?> view, BoundedWindow window, Object value) {
    elements
        .computeIfAbsent(view, v -> new ConcurrentHashMap<>())
        .computeIfAbsent(window, w -> new ConcurrentLinkedQueue<>())
        .add(value);
  }

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

  void snapshot(DataOutputStream out) throws IOException {
    out.writeInt(steps.size());
    for (ViewStep step : steps) {
      WindowedValueCodec codec = new WindowedValueCodec(step.input());
      Map<BoundedWindow, Queue<Object>> byWindow = elements.getOrDefault(step.view(), Map.of());
      out.writeInt(byWindow.size());
      for (Map.Entry<BoundedWindow, Queue<Object>> e : byWindow.entrySet()) {
        codec.windows().encode(e.getKey(), out);
        List<Object> vs = new ArrayList<>(e.getValue());
        out.writeInt(vs.size());
        for (Object v : vs) {
          Snapshots.writeBytes(out, StateCodecs.toBytes(codec.values(), v));
        }
      }
    }
  }

  void restore(DataInputStream in) throws IOException {
    elements.clear();
    values.clear();
    int n = in.readInt();
    if (n != steps.size()) {
      throw new IOException("the checkpoint has " + n + " side inputs, the pipeline " + steps.size());
    }
    for (ViewStep step : steps) {
      WindowedValueCodec codec = new WindowedValueCodec(step.input());
      int windows = in.readInt();
      for (int i = 0; i < windows; i++) {
        BoundedWindow w = codec.windows().decode(in);
        int count = in.readInt();
        for (int j = 0; j < count; j++) {
          add(step.view(), w, StateCodecs.fromBytes(codec.values(), Snapshots.readBytes(in)));
        }
      }
    }
  }

  private record Materialized(Object value) {}
}
