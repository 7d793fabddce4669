package dev.millrace.compliance.differential;

import dev.millrace.transforms.DoFn;
import dev.millrace.values.KV;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.GlobalWindow;
import dev.millrace.windowing.IntervalWindow;
import dev.millrace.windowing.PaneInfo;
import dev.millrace.windowing.Timestamps;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Collects the panes of generated streaming pipelines, in this JVM, as canonical lines that do not
 * depend on the runner: {@code "g1 a=[3, 5] [10000,20000) EARLY i=0 ns=-1 first @19999"} (stage,
 * key, values sorted, window and timestamp in millis after {@link StreamScript#BASE}, pane timing,
 * index, non-speculative index, first / last). The lines of one branch are sorted, since the
 * order in which a runner emits panes of different keys or windows is not defined.
 */
final class PaneSink {
  private static final Map<String, Queue<String>> SINKS = new ConcurrentHashMap<>();

  private PaneSink() {}

  /** A new, empty sink's id. */
  static String open() {
    String id = UUID.randomUUID().toString();
    SINKS.put(id, new ConcurrentLinkedQueue<>());
    return id;
  }

  /** Removes the sink and returns the sorted lines of each of {@code branches} branches. */
  static List<List<String>> close(String id, int branches) {
    Queue<String> q = SINKS.remove(id);
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < branches; i++) {
      out.add(new ArrayList<>());
    }
    if (q != null) {
      for (String line : q) {
        int space = line.indexOf(' ');
        out.get(Integer.parseInt(line.substring(0, space))).add(line.substring(space + 1));
      }
    }
    out.forEach(Collections::sort);
    return out;
  }

  /** The canonical line of one output (without the branch prefix). */
  static String line(String stage, String key, String values, BoundedWindow window,
      PaneInfo pane, long timestampMillis) {
    return stage + " " + key + "=" + values + " " + window(window) + " " + pane.timing()
        + " i=" + pane.index() + " ns=" + pane.nonSpeculativeIndex()
        + (pane.isFirst() ? " first" : "") + (pane.isLast() ? " last" : "")
        + " @" + time(timestampMillis);
  }

  private static String window(BoundedWindow w) {
    if (w instanceof GlobalWindow) {
      return "GW";
    }
    if (w instanceof IntervalWindow iw) {
      return "[" + time(iw.startMillis()) + "," + time(iw.endMillis()) + ")";
    }
    return String.valueOf(w);
  }

  private static String time(long millis) {
    return millis == Timestamps.GLOBAL_WINDOW_MAX ? "GWmax" : Long.toString(millis - StreamScript.BASE);
  }

  private static void add(String sinkId, int branch, String line) {
    Queue<String> q = SINKS.get(sinkId);
    if (q == null) {
      throw new IllegalStateException("Pane sink " + sinkId + " is not open in this JVM; the "
          + "streaming differential tests need an in-process runner (or an embedded cluster).");
    }
    q.add(branch + " " + line);
  }

  /** Where a capture writes: the sink, the branch and the stage name. */
  record Target(String sinkId, int branch, String stage) implements java.io.Serializable {}

  /**
   * Captures each grouped pane with its values sorted, then reduces it to
   * {@code (sum + 1000 * count) mod 100000} for the steps after it.
   */
  static final class CaptureGroupFn extends DoFn<KV<String, Iterable<Long>>, KV<String, Long>> {
    private final Target target;

    CaptureGroupFn(Target target) {
      this.target = target;
    }

    @Override
    public void processElement(ProcessContext c) {
      List<Long> values = new ArrayList<>();
      c.element().getValue().forEach(values::add);
      Collections.sort(values);
      long sum = values.stream().mapToLong(Long::longValue).sum();
      add(target.sinkId(), target.branch(), line(target.stage(), c.element().getKey(),
          values.toString(), c.window(), c.pane(), c.timestamp().toEpochMilli()));
      c.output(KV.of(c.element().getKey(), (sum + 1000L * values.size()) % 100_000));
    }
  }

  /** Captures each element (with the pane it belongs to) and passes it on unchanged. */
  static final class CaptureFn extends DoFn<KV<String, Long>, KV<String, Long>> {
    private final Target target;

    CaptureFn(Target target) {
      this.target = target;
    }

    @Override
    public void processElement(ProcessContext c) {
      add(target.sinkId(), target.branch(), line(target.stage(), c.element().getKey(),
          "[" + c.element().getValue() + "]", c.window(), c.pane(), c.timestamp().toEpochMilli()));
      c.output(c.element());
    }
  }
}
