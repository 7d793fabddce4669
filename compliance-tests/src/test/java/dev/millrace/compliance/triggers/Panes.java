package dev.millrace.compliance.triggers;

import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.testing.TestStream;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.ParDo;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.GlobalWindow;
import dev.millrace.windowing.IntervalWindow;
import dev.millrace.windowing.PaneInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Shared helpers of the event-time compliance tests: a TestStream of {@code KV<String, Long>}
 * built with timestamps in seconds, and DoFns that render each grouped pane as a string so that a
 * plain {@code PAssert.that(..).containsInAnyOrder(..)} checks values, window and pane metadata.
 *
 * <p>Renderings: {@link Render} gives {@code "k=[1, 2] [0,60) ON_TIME 0"} plus {@code " last"}
 * for a last pane; {@link RenderMeta} gives {@code "k=[1] EARLY i=0 ns=-1 first"}; {@link
 * RenderTimestamp} gives {@code "k=[1, 2] [0,60) @59.999"}. Windows are rendered in seconds
 * ({@code [start,end)}), the global window as {@code GW}.
 */
public final class Panes {
  private Panes() {}

  /** The global window's rendering. */
  public static final String GW = "GW";

  /** The instant {@code seconds} after the epoch. */
  public static Instant t(long seconds) {
    return Instant.ofEpochSecond(seconds);
  }

  /** A timestamped {@code KV(key, value)} at {@code seconds} after the epoch. */
  public static TimestampedValue<KV<String, Long>> at(String key, long value, long seconds) {
    return TimestampedValue.of(KV.of(key, value), t(seconds));
  }

  /** An empty script of keyed longs. */
  public static TestStream<KV<String, Long>> stream() {
    return TestStream.create(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
  }

  /** {@code [start,end)} in seconds, as {@link #window} renders it. */
  public static String w(long startSeconds, long endSeconds) {
    return "[" + startSeconds + "," + endSeconds + ")";
  }

  /** Renders a window: the global window as GW, interval windows in seconds (or millis). */
  public static String window(BoundedWindow w) {
    if (w instanceof GlobalWindow) {
      return GW;
    }
    if (w instanceof IntervalWindow iw) {
      return "[" + seconds(iw.startMillis()) + "," + seconds(iw.endMillis()) + ")";
    }
    return w.toString();
  }

  /** Millis as whole seconds, or as seconds with a fraction ("59.999"). */
  public static String seconds(long millis) {
    if (millis % 1000 == 0) {
      return Long.toString(millis / 1000);
    }
    return Math.floorDiv(millis, 1000) + "." + String.format("%03d", Math.floorMod(millis, 1000));
  }

  /** The values of a pane, sorted, e.g. {@code [1, 2]}. */
  static String values(Iterable<Long> values) {
    List<Long> sorted = new ArrayList<>();
    values.forEach(sorted::add);
    Collections.sort(sorted);
    return sorted.toString();
  }

  /** GroupByKey (step "Group") followed by {@link Render} (step "Render"). */
  public static PCollection<String> groupAndRender(PCollection<KV<String, Long>> in) {
    return in.apply("Group", GroupByKey.create()).apply("Render", ParDo.of(new Render()));
  }

  /** Renders "key=[values] window TIMING index" plus " last" for the last pane. */
  public static final class Render extends DoFn<KV<String, Iterable<Long>>, String> {
    @Override
    public void processElement(ProcessContext c) {
      PaneInfo pane = c.pane();
      c.output(c.element().getKey() + "=" + values(c.element().getValue()) + " "
          + window(c.window()) + " " + pane.timing() + " " + pane.index()
          + (pane.isLast() ? " last" : ""));
    }
  }

  /** Renders "key=[values] TIMING i=index ns=nonSpeculativeIndex" plus " first" / " last". */
  public static final class RenderMeta extends DoFn<KV<String, Iterable<Long>>, String> {
    @Override
    public void processElement(ProcessContext c) {
      PaneInfo pane = c.pane();
      c.output(c.element().getKey() + "=" + values(c.element().getValue()) + " " + pane.timing()
          + " i=" + pane.index() + " ns=" + pane.nonSpeculativeIndex()
          + (pane.isFirst() ? " first" : "") + (pane.isLast() ? " last" : ""));
    }
  }

  /** Renders "key=[values] window @timestamp" (timestamp in seconds). */
  public static final class RenderTimestamp extends DoFn<KV<String, Iterable<Long>>, String> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element().getKey() + "=" + values(c.element().getValue()) + " "
          + window(c.window()) + " @" + seconds(c.timestamp().toEpochMilli()));
    }
  }
}
