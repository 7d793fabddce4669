package dev.millrace.examples.complete.game;

import dev.millrace.transforms.DoFn;
import dev.millrace.values.KV;
import dev.millrace.windowing.IntervalWindow;
import java.time.Instant;

/**
 * Test helper: records each fired score with the window and pane it came from, as {@code
 * key@<window start in minutes after T0>:value:TIMING:paneIndex} (window {@code G} for the global
 * window), so an ordinary containsInAnyOrder assertion checks every pane's timing and contents.
 */
final class PaneCaptureFn extends DoFn<KV<String, Integer>, String> {
  private static final long serialVersionUID = 1L;
  private final long t0Millis;

  PaneCaptureFn(Instant t0) {
    this.t0Millis = t0.toEpochMilli();
  }

  @Override
  public void processElement(ProcessContext c) {
    String window = c.window() instanceof IntervalWindow w
        ? Long.toString((w.startMillis() - t0Millis) / 60_000)
        : "G";
    c.output(c.element().getKey() + "@" + window + ":" + c.element().getValue() + ":"
        + c.pane().timing() + ":" + c.pane().index());
  }
}
