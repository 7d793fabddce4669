package dev.millrace.runners.flink.internal;

import dev.millrace.windowing.WindowedValue;

/**
 * Under a script clock: "an operator instance upstream of you finished script step {@code step}
 * with its output watermark held at {@code watermark}", sent as a record (not a Flink watermark)
 * to each of the {@link FlinkClock.Script#targets()} instances of a keyed consumer ({@code
 * target} routes it there, see {@link MarkerRouting}), or along any other edge unchanged.
 *
 * <p>A Flink operator only sees the minimum watermark of its input channels, so a held time
 * forwarded as a Flink watermark would not say which step the sender had reached; with markers,
 * Flink watermarks say only which step every sender has completed (their records have all
 * arrived), and a receiver's input watermark at step k is the minimum of the step-k markers it
 * got, or the script's own watermark if none came (no sender was held). Elements and timers of the
 * operators are then processed step by step exactly as the direct runner processes a script
 * event: that is what makes TestStream pipelines give the same panes at any parallelism.
 */
public record ScriptMarker(long step, long watermark, int target) {
  /** Whether a record is a marker rather than an element. */
  public static boolean is(WindowedValue<?> record) {
    return record.value() instanceof ScriptMarker;
  }

  /** The marker carried by a record. */
  public static ScriptMarker of(WindowedValue<?> record) {
    return (ScriptMarker) record.value();
  }

  /** The marker as a record of any collection. */
  @SuppressWarnings("unchecked")
  public <T> WindowedValue<T> asRecord() {
    return (WindowedValue<T>) WindowedValue.valueInGlobalWindow(this);
  }
}
