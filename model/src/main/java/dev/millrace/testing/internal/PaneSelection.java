package dev.millrace.testing.internal;

import dev.millrace.coders.Coder;
import dev.millrace.coders.StructuralByteArray;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.PaneInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a {@link PaneSelector} to the elements gathered for an assertion: keeps the elements of
 * the selected window and panes, and explains, when the assertion fails, what the window held in
 * each of its panes (or which windows the collection had, when the selected one is empty).
 * Internal.
 */
final class PaneSelection {
  private final PaneSelector selector;
  private final List<WindowedElement> all;
  private final Map<PaneInfo, List<byte[]>> panesOfWindow = new LinkedHashMap<>();

  private PaneSelection(PaneSelector selector, List<WindowedElement> all) {
    this.selector = selector;
    this.all = all;
    for (WindowedElement e : all) {
      if (selector.inWindow(e.window())) {
        panesOfWindow.computeIfAbsent(e.pane(), p -> new ArrayList<>()).add(e.element());
      }
    }
  }

  /** Decodes the gathered envelopes (see {@link WindowedElement}). */
  static PaneSelection of(PaneSelector selector, List<byte[]> envelopes) {
    List<WindowedElement> all = new ArrayList<>();
    for (byte[] b : envelopes) {
      all.add(WindowedElement.fromBytes(b));
    }
    return new PaneSelection(selector, all);
  }

  /**
   * The encodings of the selected elements.
   *
   * @throws AssertionFailure for {@code inOnlyPane} when the window has a pane that is not both
   *     first and last
   */
  List<byte[]> selected() {
    List<byte[]> out = new ArrayList<>();
    for (PaneInfo pane : sortedPanes()) {
      if (selector.kind() == PaneSelector.Kind.ONLY && !(pane.isFirst() && pane.isLast())) {
        throw new AssertionFailure("Expected the elements of window " + selector.windowText()
            + " in a single pane (from a trigger that fires at most once), but one of its panes ("
            + pane(pane) + ") is not " + (pane.isFirst() ? "the last" : "the first") + " pane.");
      }
      if (selector.selects(pane)) {
        out.addAll(panesOfWindow.get(pane));
      }
    }
    return out;
  }

  /** What the selected window held, pane by pane, for a failure message. */
  <T> String context(Coder<T> coder) {
    StringBuilder sb = new StringBuilder("  Selected: ").append(selector.describe());
    if (panesOfWindow.isEmpty()) {
      return sb.append("\n  The window has no elements; the collection has elements in ")
          .append(windowsSeen()).toString();
    }
    sb.append("\n  Panes of window ").append(selector.windowText()).append(':');
    boolean anyTiming = false;
    for (PaneInfo pane : sortedPanes()) {
      anyTiming |= pane.timing() != PaneInfo.Timing.UNKNOWN;
      sb.append("\n    ").append(pane(pane)).append(selector.selects(pane) ? "" : " (not selected)")
          .append(": ").append(Rendering.list(Contents.decode(coder, panesOfWindow.get(pane))
              .values()));
    }
    if (!anyTiming && selector.kind() != PaneSelector.Kind.ALL_PANES) {
      sb.append("\n  These elements did not come from a triggered grouping (GroupByKey, Combine), "
          + "so their panes have no timing; use inWindow(window) to check them.");
    }
    return sb.toString();
  }

  private List<PaneInfo> sortedPanes() {
    List<PaneInfo> panes = new ArrayList<>(panesOfWindow.keySet());
    panes.sort(Comparator.comparingLong(PaneInfo::index)
        .thenComparingInt(p -> p.timing().ordinal()));
    return panes;
  }

  private String windowsSeen() {
    Set<StructuralByteArray> seen = new LinkedHashSet<>();
    List<BoundedWindow> windows = new ArrayList<>();
    for (WindowedElement e : all) {
      if (seen.add(new StructuralByteArray(e.window()))) {
        windows.add(selector.decodeWindow(e.window()));
      }
    }
    return windows.isEmpty() ? "no window (it is empty)" : Rendering.list(windows);
  }

  /** A pane in words, e.g. {@code ON_TIME pane 1 (final)}. */
  static String pane(PaneInfo pane) {
    if (pane.timing() == PaneInfo.Timing.UNKNOWN) {
      return "pane without timing (" + (pane.isLast() ? "no firing" : "index " + pane.index())
          + ")";
    }
    return pane.timing() + " pane " + pane.index() + (pane.isLast() ? " (final)" : "");
  }
}
