package dev.millrace.runners.flink.internal;

import dev.millrace.windowing.core.GroupAlsoByWindow;
import dev.millrace.windowing.core.StateNamespace;
import dev.millrace.windowing.core.TimeDomain;
import dev.millrace.windowing.core.TimerData;
import dev.millrace.windowing.core.TimerInternals;
import java.util.List;
import java.util.function.Function;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;

/**
 * The timers of a grouping whose windows fire only at their end ({@link
 * GroupAlsoByWindow#firesOnlyAtEndOfWindow}), with real clocks, in BATCH execution (STREAMING
 * execution indexes the open windows in memory instead, {@link EndOfWindowIndex}, and ignores
 * such Flink timers restored from a checkpoint taken before it did): such a grouping sets one
 * event-time timer per window, always for the window's end, and never moves or deletes it, so a
 * Flink timer alone says everything about it. It is registered under the window's encoded
 * namespace at {@code end + 1} (Flink fires once its watermark reaches the registered time,
 * Millrace once the watermark is strictly past the timer); setting it again is Flink's no-op for a
 * timer it already has; a fired Flink timer is the window's due timer. No keyed state, no index:
 * Flink keeps, checkpoints and restores the timers. (Other groupings, stateful DoFns and TestStream
 * clocks use {@link FlinkTimers}, which can replace, delete and order timers.)
 *
 * <p>Flink fires event-time timers in timestamp order as its watermark advances, before the
 * operator computes its output watermark, so a pending timer is never behind the input watermark
 * when the output watermark is computed: it needs no index of pending times to hold it.
 */
final class EndOfWindowTimers extends WindowEndTimers {
  private final InternalTimerService<EncodedKey> service;
  private final Function<StateNamespace, EncodedKey> encodedNamespace;
  private final Function<EncodedKey, StateNamespace> namespaceOf;

  /**
   * @param encodedNamespace the encoding of a window namespace (as the state internals cache it)
   * @param namespaceOf the window namespace of an encoding (likewise)
   * @param clock a real clock (TestStream clocks use {@link FlinkTimers})
   * @param clocks reads the watermarks and processing time
   */
  EndOfWindowTimers(InternalTimerService<EncodedKey> service,
      Function<StateNamespace, EncodedKey> encodedNamespace,
      Function<EncodedKey, StateNamespace> namespaceOf, FlinkClock clock, TimerInternals clocks) {
    super(clock, clocks);
    this.service = service;
    this.encodedNamespace = encodedNamespace;
    this.namespaceOf = namespaceOf;
  }

  @Override
  public void setTimer(TimerData timer) {
    checkWindowTimer(timer);
    FlinkClock.Registration r = clock.register(TimeDomain.EVENT_TIME, timer.timestamp());
    service.registerEventTimeTimer(encodedNamespace.apply(timer.namespace()), r.flinkTime());
  }

  /** The window timer Flink fired, as the core's due timer. */
  List<TimerData> fired(InternalTimer<EncodedKey, EncodedKey> timer) {
    return List.of(TimerData.of(namespaceOf.apply(timer.getNamespace()), "end-of-window",
        TimeDomain.EVENT_TIME, clock.timerTime(timer.getTimestamp())));
  }
}
