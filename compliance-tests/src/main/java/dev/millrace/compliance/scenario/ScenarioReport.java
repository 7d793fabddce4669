package dev.millrace.compliance.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Renders the difference between expected and actual panes for a failed check: panes that differ
 * in some fields (an unpaired expected pane and an unpaired actual pane of the same key and window,
 * shown field by field), expected panes that are missing, and actual panes nobody expected.
 */
public final class ScenarioReport {
  private ScenarioReport() {}

  /** The diff lines of a failed match, indented by two spaces. */
  public static List<String> diff(PaneMatcher.Result result) {
    List<PanePattern> missing = new ArrayList<>(result.missing());
    List<ActualPane> unexpected = new ArrayList<>(result.unexpected());
    unexpected.sort(PaneJson.ORDER);
    List<String> lines = new ArrayList<>();
    List<String> differing = new ArrayList<>();
    for (PanePattern p : List.copyOf(missing)) {
      ActualPane closest = closest(p, unexpected);
      if (closest != null) {
        missing.remove(p);
        unexpected.remove(closest);
        differing.add("    " + p.path() + " " + label(p, closest) + ":");
        for (String d : PaneMatcher.differences(p, closest)) {
          differing.add("      " + d);
        }
      }
    }
    if (!differing.isEmpty()) {
      lines.add("  differing panes (expected vs actual):");
      lines.addAll(differing);
    }
    if (!missing.isEmpty()) {
      lines.add("  missing panes (expected, not produced):");
      for (PanePattern p : missing) {
        lines.add("    " + p.path() + " " + p.source());
      }
    }
    if (!unexpected.isEmpty()) {
      lines.add("  unexpected panes (produced, not expected):");
      for (ActualPane a : unexpected) {
        lines.add("    " + PaneJson.readable(a));
      }
    }
    return lines;
  }

  private static String label(PanePattern p, ActualPane a) {
    return "key \"" + a.key() + "\", window " + a.window() + ", pane index " + a.pane().index();
  }

  /**
   * The unexpected pane of the same key and window as {@code p} (as far as {@code p} says) with
   * the fewest differences, or null when none shares them.
   */
  private static ActualPane closest(PanePattern p, List<ActualPane> candidates) {
    ActualPane best = null;
    int bestScore = Integer.MAX_VALUE;
    for (ActualPane a : candidates) {
      boolean sameKey = p.key() == null || p.key().equals(a.key());
      boolean sameWindow = p.window() == null || Objects.equals(p.window(), a.window());
      if (!sameKey || !sameWindow) {
        continue;
      }
      int score = PaneMatcher.differences(p, a).size();
      if (p.index() != null && p.index() != a.pane().index()) {
        score += 1; // prefer the pane at the same index when several are possible
      }
      if (score < bestScore) {
        bestScore = score;
        best = a;
      }
    }
    return best;
  }
}
