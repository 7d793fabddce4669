package dev.millrace.compliance.differential;

import dev.millrace.windowing.ClosingBehavior;
import dev.millrace.windowing.OnTimeBehavior;
import dev.millrace.windowing.TimestampCombiner;
import dev.millrace.windowing.triggers.Trigger;
import java.io.Serializable;
import java.util.List;

/**
 * One generated pipeline over a {@link StreamScript}: element-wise steps, a {@code Window.into}
 * with a non-default trigger, a grouping (whose panes are captured), element-wise steps on the
 * grouped output, an optional side input read from a {@code Create}, and optionally a second
 * grouping under the continuation trigger (also captured). The final collection is captured too.
 *
 * @param pre element-wise steps before windowing (map, filter, re-key, flat-map, flatten)
 * @param window the windowing and triggering of the grouping
 * @param grouping the grouping
 * @param post element-wise steps after the grouping
 * @param sideInput a side input added after {@code post}, or null
 * @param regroup a second grouping of the final collection, or null
 */
record StreamBranch(List<Step> pre, WindowSpec window, Grouping grouping, List<Step> post,
    SideInput sideInput, Grouping regroup) implements Serializable {
  StreamBranch {
    pre = List.copyOf(pre);
    post = List.copyOf(post);
  }

  /** How elements are grouped per key and window. */
  enum Grouping {
    /** GroupByKey; the pane's values are captured sorted. */
    GROUP_BY_KEY,
    /** Combine.perKey(Sum.ofLongs()). */
    SUM,
    /** Count.perKey(). */
    COUNT
  }

  /** The kind of window function. */
  enum WindowKind { FIXED, SLIDING, SESSIONS, GLOBAL }

  /**
   * A {@code Window.into(...).triggering(...)} with everything it sets.
   *
   * @param kind the window function
   * @param sizeMillis the size (fixed, sliding) or gap (sessions)
   * @param periodMillis the period of sliding windows
   * @param trigger the trigger
   * @param accumulating accumulating or discarding fired panes
   * @param latenessMillis the allowed lateness
   * @param combiner the timestamp combiner, or null for the default
   * @param closing the closing behavior, or null for the default
   * @param onTime the on-time behavior, or null for the default
   */
  record WindowSpec(WindowKind kind, long sizeMillis, long periodMillis, Trigger trigger,
      boolean accumulating, long latenessMillis, TimestampCombiner combiner,
      ClosingBehavior closing, OnTimeBehavior onTime) implements Serializable {
    @Override
    public String toString() {
      String fn = switch (kind) {
        case FIXED -> "Fixed(" + sizeMillis + ")";
        case SLIDING -> "Sliding(" + sizeMillis + " every " + periodMillis + ")";
        case SESSIONS -> "Sessions(" + sizeMillis + ")";
        case GLOBAL -> "Global";
      };
      return fn + ".triggering(" + trigger + ")."
          + (accumulating ? "accumulating" : "discarding") + " lateness=" + latenessMillis
          + (combiner == null ? "" : " combiner=" + combiner)
          + (closing == null ? "" : " closing=" + closing)
          + (onTime == null ? "" : " onTime=" + onTime);
    }
  }

  /**
   * A side input from {@code Create.of(values)} in the global window, added to each value (mod
   * 1000): their sum as a singleton view, or their number as a list view.
   */
  record SideInput(boolean sumView, List<Long> values) implements Serializable {
    SideInput {
      values = List.copyOf(values);
    }
  }

  @Override
  public String toString() {
    return "pre " + pre + " | " + window + " | " + grouping + " | post " + post
        + (sideInput == null ? "" : " | side " + sideInput)
        + (regroup == null ? "" : " | regroup " + regroup);
  }
}
