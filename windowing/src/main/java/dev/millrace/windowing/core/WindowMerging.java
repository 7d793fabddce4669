package dev.millrace.windowing.core;

import com.google.common.base.Preconditions;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.MergeContext;
import dev.millrace.windowing.statemachine.TriggerContext;
import dev.millrace.windowing.statemachine.TriggerScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges the new windows of a bundle with the key's active windows, using the window function's
 * merge policy, and merges the state of the active ones eagerly into each result window: buffered
 * values, watermark holds, pane-content counts and trigger state. Merged-away windows lose their
 * timers, pane history and any trigger state the merge did not move.
 */
final class WindowMerging {
  private record Merge(List<BoundedWindow> toBeMerged, BoundedWindow result) {}

  private WindowMerging() {}

  /**
   * Returns, for every window that was merged, the window it was merged into;
   * {@code outputWatermark} is the key's output watermark (for the merged holds).
   */
  static Map<BoundedWindow, BoundedWindow> merge(
      GroupAlsoByWindow<?, ?> g,
      StateInternals s,
      TimerInternals t,
      ActiveWindowSet active,
      Set<BoundedWindow> newWindows,
      long outputWatermark) {
    Set<BoundedWindow> candidates = new LinkedHashSet<>(active.windows());
    candidates.addAll(newWindows);
    List<Merge> merges = collectMerges(g, candidates);
    Map<BoundedWindow, BoundedWindow> mapping = new HashMap<>();
    for (Merge m : merges) {
      List<BoundedWindow> activeSources = new ArrayList<>();
      for (BoundedWindow w : m.toBeMerged()) {
        mapping.put(w, m.result());
        if (active.isActive(w)) {
          activeSources.add(w);
        }
      }
      mergeState(g, s, t, activeSources, m.result(), outputWatermark);
      activeSources.forEach(active::remove);
      if (!activeSources.isEmpty()) {
        active.add(m.result());
      }
    }
    return mapping;
  }

  private static List<Merge> collectMerges(
      GroupAlsoByWindow<?, ?> g, Set<BoundedWindow> candidates) {
    List<Merge> merges = new ArrayList<>();
    Set<BoundedWindow> seen = new LinkedHashSet<>();
    Collection<BoundedWindow> view = Collections.unmodifiableSet(candidates);
    g.windowFn()
        .mergeWindows(
            new MergeContext<>() {
              @Override
              public Collection<BoundedWindow> windows() {
                return view;
              }

              @Override
              public void merge(Collection<BoundedWindow> toBeMerged, BoundedWindow result) {
                for (BoundedWindow w : toBeMerged) {
                  Preconditions.checkArgument(
                      candidates.contains(w),
                      "%s merged %s, which is not one of the windows it was given",
                      g.windowFn(), w);
                  Preconditions.checkArgument(
                      seen.add(w), "%s merged %s twice in one merge", g.windowFn(), w);
                }
                merges.add(new Merge(List.copyOf(toBeMerged), result));
              }
            });
    return merges;
  }

  private static void mergeState(
      GroupAlsoByWindow<?, ?> g,
      StateInternals s,
      TimerInternals t,
      List<BoundedWindow> activeSources,
      BoundedWindow result,
      long outputWatermark) {
    StateNamespace resultNs = g.namespace(result);
    List<StateNamespace> sources = activeSources.stream().map(g::namespace).toList();
    g.buffer().merge(s, sources, resultNs);
    g.holds().onMerge(s, t, sources, resultNs, outputWatermark);
    NonEmptyPanes.merge(s, sources, resultNs);
    g.trigger().onMerge(new TriggerScope(resultNs, s, t), sources);
    for (BoundedWindow source : activeSources) {
      if (!source.equals(result)) {
        StateNamespace ns = g.namespace(source);
        deleteWindowTimers(g, t, ns);
        PaneTracker.clear(s, ns);
        // Trigger state that the merge did not move (e.g. a late trigger's count that a revived
        // early phase discards) must not outlive the merged-away window.
        g.trigger().clearState(new TriggerScope(ns, s, t));
        g.trigger().clearFinished(s, ns);
      }
    }
  }

  /** Deletes the end-of-window and garbage-collection timers of a window. */
  static void deleteWindowTimers(GroupAlsoByWindow<?, ?> g, TimerInternals t, StateNamespace ns) {
    long eow = ns.window().maxTimestampMillis();
    t.deleteTimer(ns, TriggerContext.timerId(TimeDomain.EVENT_TIME, eow), TimeDomain.EVENT_TIME);
    t.deleteTimer(ns, WindowTimes.GC_TIMER, TimeDomain.EVENT_TIME);
  }
}
