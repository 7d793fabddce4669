package dev.millrace.runners.flink.internal;

import dev.millrace.coders.Coder;
import dev.millrace.metrics.MetricName;
import dev.millrace.metrics.MetricsContainer;
import dev.millrace.metrics.MetricsEnvironment;
import dev.millrace.runners.core.MetricsContainerImpl;
import dev.millrace.runners.core.UserCodeException;
import dev.millrace.values.KV;
import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowedValue;
import dev.millrace.windowing.core.DropCounter;
import dev.millrace.windowing.core.GroupAlsoByWindow;
import dev.millrace.windowing.core.KeyedGroupAlsoByWindow;
import dev.millrace.windowing.core.StateNamespace;
import dev.millrace.windowing.core.TimeDomain;
import dev.millrace.windowing.core.TimerData;
import dev.millrace.windowing.core.TimerInternals;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * GroupByKey (or the merging half of a lifted Combine) on a keyed Flink stream: runs the shared
 * windowing core ({@link GroupAlsoByWindow}) for the current key over Flink keyed state
 * ({@link FlinkStateInternals}) and Flink's timer service ({@link FlinkTimers}); Flink's own
 * window operators are not used, so panes, triggers, lateness and holds behave exactly as on
 * every other runner. When every window fires only at its end (the default trigger, no allowed
 * lateness, END_OF_WINDOW timestamps, non-merging windows) a window's timer is a plain Flink timer
 * in BATCH execution ({@link EndOfWindowTimers}) and an entry of an in-memory index of open
 * windows in STREAMING execution ({@link EndOfWindowIndex}, fired when a watermark makes it due).
 *
 * <p>The output watermark is the input watermark held back by the watermark holds and the
 * pending event-time timers of all keys of this instance; it is refreshed before each element
 * and each timer (so a firing timer still holds it), and forwarded after Flink has fired the
 * timers a watermark made due.
 *
 * <p>Under a script clock (one TestStream) the operator runs the script's steps one by one, as
 * the direct runner runs one script event: a step's elements (records carry their step) are
 * buffered until every sender has completed the step (the Flink watermark), processed key by key
 * as one bundle, then the step's input watermark (the script's, or the lowest {@link
 * ScriptMarker} of a held sender) and processing time fire the due timers; the step's outputs
 * carry the step, and a held output watermark is sent on as markers.
 */
public final class GroupAlsoByWindowOperator extends AbstractStreamOperator<WindowedValue<Object>>
    implements OneInputStreamOperator<WindowedValue<Object>, WindowedValue<Object>>,
        Triggerable<EncodedKey, EncodedKey> {
  private static final long serialVersionUID = 1L;
  /** How many records of one key, without a bundle number, are processed as one call at most. */
  static final int MAX_RUN = 10_000;

  private final String id;
  private final String stepName;
  private final GroupAlsoByWindow<Object, Object> core;
  private final Coder<Object> keyCoder;
  private final StateCodec<?> windowCodec;
  private final boolean groupedOutput;
  private final FlinkClock clock;
  private final boolean boundedInput;
  /** Flink's BATCH execution: it fires a key's timers as soon as the next key comes. */
  private final boolean batchExecution;

  private transient FlinkStateInternals state;
  private transient FlinkTimers timers;
  /** With real clocks, when every window fires only at its end: timers that are Flink timers. */
  private transient EndOfWindowTimers endOfWindowTimers;
  /** In STREAMING execution, for such groupings: the open windows by firing time instead. */
  private transient EndOfWindowIndex endOfWindowIndex;
  private transient InternalTimerService<EncodedKey> service;
  private transient TimestampMultiset holds;
  private transient MetricsContainerImpl metrics;
  /** The task thread's metrics slot (an operator runs in its task's thread, as DoFnRunner assumes). */
  private transient MetricsEnvironment.Holder metricsHolder;
  private transient MetricsAccumulator.FlinkMetrics flinkMetrics;
  private transient DropCounter drops;
  private transient StreamRecord<WindowedValue<Object>> reuse;
  private transient long outputWatermark;
  private transient long emittedWatermark;
  private transient boolean restored;
  private transient EncodedKey lastKey;
  private transient Map<EncodedKey, List<WindowedValue<Object>>> pending;
  private transient long pendingBundle;
  /** The key of the last record without a bundle number, and its records not yet processed. */
  private transient EncodedKey previousKey;
  private transient List<WindowedValue<Object>> run;
  private transient Object lastDecodedKey;
  private transient KeyedGroupAlsoByWindow<Object, Object> bound;
  /** Under a script clock: the input's steps, the step reached, the elements by step and key. */
  private transient KeyedScriptSteps steps;

  /**
   * @param groupedOutput true for a GroupByKey (panes are lists, given out unmodifiable), false
   *     for a combine (panes are the combined values)
   * @param batchExecution whether the job runs in Flink's BATCH execution mode (then windows that
   *     fire only at their end keep Flink timers, and no record is held back for the next: Flink
   *     fires a key's timers as soon as the next key comes)
   */
  @SuppressWarnings("unchecked")
  public GroupAlsoByWindowOperator(
      String id, String stepName, GroupAlsoByWindow<?, ?> core, Coder<?> keyCoder,
      boolean groupedOutput, FlinkClock clock, boolean boundedInput, boolean batchExecution) {
    this.clock = clock;
    this.batchExecution = batchExecution;
    this.boundedInput = boundedInput;
    this.id = id;
    this.stepName = stepName;
    this.core = (GroupAlsoByWindow<Object, Object>) core;
    this.keyCoder = (Coder<Object>) keyCoder;
    this.windowCodec = core.strategy().windowFn().windowCodec();
    this.groupedOutput = groupedOutput;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    restored = context.isRestored();
  }

  @Override
  public void open() throws Exception {
    super.open();
    metricsHolder = MetricsEnvironment.holder();
    holds = new TimestampMultiset();
    // A window's cells share one Flink value (flushed after each call of the core), unless the
    // window fires only at its end: then its buffer is its only cell, and a Flink state of its own
    // saves parsing and re-encoding a record on every call.
    boolean endOfWindowOnly = GroupAlsoByWindow.firesOnlyAtEndOfWindow(core.strategy());
    state = new FlinkStateInternals(this, holds, !endOfWindowOnly);
    InternalTimerService<EncodedKey> service =
        getInternalTimerService("millrace-timers", FlinkStateInternals.NAMESPACES, this);
    if (clock instanceof FlinkClock.Script script) {
      steps = new KeyedScriptSteps(script, boundedInput);
      timers = FlinkTimers.scripted(this, service, getInternalTimerService(
              "millrace-script-processing-timers", FlinkStateInternals.NAMESPACES, this),
          windowCodec, () -> outputWatermark, clock, false, steps.time());
    } else {
      timers = new FlinkTimers(this, service, windowCodec, () -> outputWatermark, clock);
      if (endOfWindowOnly) {
        Function<EncodedKey, StateNamespace> namespaceOf = e -> state.namespaceOf(e, windowCodec);
        endOfWindowTimers = new EndOfWindowTimers(
            service, state::encodedNamespace, namespaceOf, clock, timers);
        if (!batchExecution) {
          endOfWindowIndex = new EndOfWindowIndex(() -> (EncodedKey) getCurrentKey(),
              state::encodedNamespace, namespaceOf, clock, timers);
        }
      }
    }
    this.service = service;
    metrics = new MetricsContainerImpl(stepName);
    flinkMetrics =
        MetricsAccumulator.register(getRuntimeContext(), id, Map.of(stepName, metrics));
    drops = new DropCounter() {
      @Override
      public void droppedDueToLateness(long count) {
        metrics.getCounter(MetricName.named("millrace", "droppedDueToLateness")).inc(count);
      }

      @Override
      public void droppedDueToClosedWindow(long count) {
        metrics.getCounter(MetricName.named("millrace", "droppedDueToClosedWindow")).inc(count);
      }
    };
    reuse = new StreamRecord<>(null);
    pending = new LinkedHashMap<>();
    pendingBundle = Long.MIN_VALUE;
    run = new ArrayList<>();
    outputWatermark = Timestamps.MIN;
    emittedWatermark = Long.MIN_VALUE;
    if (restored) {
      rebuildIndexes();
    }
  }

  /** After a restore: find the holds and pending event-time timers of every key again. */
  private void rebuildIndexes() throws Exception {
    state.restoreRecordHolds();
    timers.rebuildIndex();
    if (endOfWindowIndex != null) {
      endOfWindowIndex.rebuild(state.keysAndNamespaces(core.bufferTag()),
          ns -> core.endOfWindowTimerTime(ns.window()));
    }
  }

  /**
   * Processes an element in arrival order. Under a TestStream a record carries its bundle number:
   * the elements of the bundle are buffered and processed together, key by key, when the bundle
   * ends (another bundle starts, a watermark, processing-time timer or checkpoint barrier arrives,
   * or the input ends). Other records are processed at once, except that in STREAMING execution,
   * when windows fire only at their end, records of the same key as the record before them (a hot
   * key) join a run of that key, processed as one call when another key comes, at {@value
   * #MAX_RUN} records, or at any of the bundle's ends: such windows put out nothing before a
   * watermark, which processes the run first, so holding it delays no pane. (Under other triggers
   * a pane may be due at any element; in BATCH execution Flink fires a key's timers as soon as
   * the next key comes, before the operator sees that key's first record: there nothing waits.)
   *
   * <p>Arrival order matters for speed, not only for latency: windows and their timers are then
   * created in about the order they will fire, so Flink's timer heap and state tables are walked
   * in memory order when the watermark passes them (grouping a bundle by key scattered them, and
   * a watermark passing 660,000 windows cost twice the time in the timer heap).
   */
  @Override
  public void processElement(StreamRecord<WindowedValue<Object>> record) {
    WindowedValue<Object> v = record.getValue();
    if (steps != null) {
      steps.offer(record, (EncodedKey) getCurrentKey());
      return;
    }
    if (record.hasTimestamp() && record.getTimestamp() != Long.MIN_VALUE) {
      // A TestStream's bundle number.
      if (record.getTimestamp() != pendingBundle) {
        flushBundle();
        pendingBundle = record.getTimestamp();
      }
      pending.computeIfAbsent((EncodedKey) getCurrentKey(), k -> new ArrayList<>()).add(v);
      return;
    }
    EncodedKey key = (EncodedKey) getCurrentKey();
    if (endOfWindowIndex != null && pending.isEmpty() && key.equals(previousKey)) {
      run.add(valueOnly(v));
      if (run.size() >= MAX_RUN) {
        flushRun();
      }
      return;
    }
    flushBundle();
    previousKey = key;
    refreshOutputWatermark(Timestamps.MAX);
    run(() -> bind().processElements(List.of(valueOnly(v))));
  }

  private static WindowedValue<Object> valueOnly(WindowedValue<Object> v) {
    return v.withValue(((KV<?, ?>) v.value()).getValue());
  }

  /** Processes what is buffered: the run of the previous key, the TestStream bundle. */
  private void flushBundle() {
    flushRun();
    if (pending.isEmpty()) {
      return;
    }
    Object currentKey = getCurrentKey();
    refreshOutputWatermark(Timestamps.MAX);
    for (Map.Entry<EncodedKey, List<WindowedValue<Object>>> e : pending.entrySet()) {
      setCurrentKey(e.getKey());
      List<WindowedValue<Object>> values = new ArrayList<>();
      for (WindowedValue<Object> v : e.getValue()) {
        values.add(valueOnly(v));
      }
      run(() -> bind().processElements(values));
    }
    pending.clear();
    if (currentKey != null) {
      setCurrentKey(currentKey);
    }
  }

  /** Processes the run of {@link #previousKey}, if any, under that key. */
  private void flushRun() {
    if (run.isEmpty()) {
      return;
    }
    List<WindowedValue<Object>> values = run;
    run = new ArrayList<>();
    Object currentKey = getCurrentKey();
    boolean switchKey = !previousKey.equals(currentKey);
    if (switchKey) {
      setCurrentKey(previousKey);
    }
    refreshOutputWatermark(Timestamps.MAX);
    run(() -> bind().processElements(values));
    if (switchKey && currentKey != null) {
      setCurrentKey(currentKey);
    }
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    flushBundle();
    flinkMetrics.sync();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void finish() throws Exception {
    flushBundle();
    flinkMetrics.sync();
    super.finish();
  }

  @Override
  public void onEventTime(InternalTimer<EncodedKey, EncodedKey> timer) {
    onTimer(timer);
  }

  @Override
  public void onProcessingTime(InternalTimer<EncodedKey, EncodedKey> timer) {
    flushBundle(); // the records that arrived before the timer are processed before it
    onTimer(timer);
    if (steps != null) {
      return; // never: script timers are all in event-time queues
    }
    refreshOutputWatermark(Timestamps.MAX);
    emitWatermark(false);
  }

  private void onTimer(InternalTimer<EncodedKey, EncodedKey> timer) {
    if (endOfWindowIndex != null) {
      // A window's Flink timer restored from a checkpoint taken before the index was used: the
      // index, rebuilt from the restored buffers, fires that window (firing it here too would
      // put out a second, empty pane).
      return;
    }
    fire(endOfWindowTimers != null ? endOfWindowTimers.fired(timer) : timers.takeDue(timer));
  }

  /** A due window of the end-of-window index: fired under its key. */
  private void fireIndexed(EncodedKey key, TimerData timer) {
    setCurrentKey(key);
    fire(List.of(timer));
  }

  /** Runs the core for the current key's due timers. */
  private void fire(List<TimerData> due) {
    if (due.isEmpty()) {
      return;
    }
    long earliestEventTimer = Timestamps.MAX;
    for (TimerData t : due) {
      if (t.domain() == TimeDomain.EVENT_TIME) {
        earliestEventTimer = Math.min(earliestEventTimer, t.timestamp());
      }
    }
    // The due timers were pending until now: they still hold the output watermark.
    refreshOutputWatermark(earliestEventTimer);
    run(() -> bind().onTimers(due));
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    if (steps != null) {
      steps.onWatermark(mark.getTimestamp(), this::runStep);
      flinkMetrics.sync();
      return;
    }
    flushBundle();
    if (timeServiceManager != null) {
      timeServiceManager.advanceWatermark(mark);
    }
    if (endOfWindowIndex != null) {
      endOfWindowIndex.fireDue(mark.getTimestamp(), this::fireIndexed);
    }
    refreshOutputWatermark(Timestamps.MAX);
    emitWatermark(mark.getTimestamp() == Long.MAX_VALUE);
    flinkMetrics.sync(); // the metrics created since the last watermark become Flink metrics
  }

  /**
   * Script clock: step {@code step} as the direct runner runs it for one script event: the step's
   * elements, key by key (under the previous step's clocks), then the step's input watermark and
   * processing time, the timers they make due, and the step's output watermark: a marker when it
   * is held below the script's, then the Flink watermark that says the step is complete.
   */
  private void runStep(long step) throws Exception {
    FlinkClock.Script script = (FlinkClock.Script) clock;
    reuse.setTimestamp(step);
    Map<EncodedKey, List<WindowedValue<Object>>> bundle = steps.take(step);
    if (bundle != null) {
      refreshOutputWatermark(Timestamps.MAX);
      for (Map.Entry<EncodedKey, List<WindowedValue<Object>>> e : bundle.entrySet()) {
        setCurrentKey(e.getKey());
        List<WindowedValue<Object>> values = new ArrayList<>(e.getValue().size());
        for (WindowedValue<Object> v : e.getValue()) {
          values.add(valueOnly(v));
        }
        run(() -> bind().processElements(values));
      }
    }
    steps.advanceClocks(step);
    timers.advanceScript();
    refreshOutputWatermark(Timestamps.MAX);
    emittedWatermark = MarkerRouting.endStep(
        script, step, outputWatermark, emittedWatermark,
        m -> output.collect(new StreamRecord<>(m.asRecord(), step)), output);
  }

  private void emitWatermark(boolean endOfInput) {
    long wm = endOfInput
        ? Long.MAX_VALUE : clock.toFlink(outputWatermark, service.currentWatermark());
    if (wm > emittedWatermark) {
      emittedWatermark = wm;
      output.emitWatermark(new Watermark(wm));
    }
  }

  /** Beam's rule: min(input watermark, holds, pending event timers, extra); never backwards. */
  private void refreshOutputWatermark(long extraHold) {
    long input = timers.currentInputWatermark();
    long candidate = Math.min(Math.min(input, extraHold), Math.min(holds.min(), timers.earliest()));
    outputWatermark = Math.max(outputWatermark, candidate);
  }

  /**
   * The core bound to the operator's state and timers, which follow Flink's current key; panes
   * go out with the current key, decoded only when a pane is emitted.
   */
  private KeyedGroupAlsoByWindow<Object, Object> bind() {
    if (bound == null) {
      TimerInternals t = endOfWindowIndex != null ? endOfWindowIndex
          : endOfWindowTimers != null ? endOfWindowTimers : timers;
      bound = core.forKey(state, t, pane -> {
        Object value = groupedOutput
            ? Collections.unmodifiableList((List<?>) pane.value()) : pane.value();
        Object key = userKey((EncodedKey) getCurrentKey());
        output.collect(reuse.replace(pane.withValue(KV.of(key, value))));
      }, drops);
    }
    return bound;
  }

  /** The user's key of {@code key}, decoded once per run of calls for the same key. */
  private Object userKey(EncodedKey key) {
    if (!key.equals(lastKey)) {
      lastKey = key;
      lastDecodedKey = key.decode(keyCoder);
    }
    return lastDecodedKey;
  }

  private void run(Runnable work) {
    MetricsEnvironment.Holder holder = metricsHolder;
    MetricsContainer previous = holder.container;
    holder.container = metrics;
    try {
      work.run();
      state.flush(); // the call's cells go back to Flink state before the key changes
    } catch (UserCodeException e) {
      state.discard();
      throw e;
    } catch (RuntimeException e) {
      state.discard();
      throw UserCodeException.forStep(stepName, "grouping", e);
    } finally {
      holder.container = previous;
    }
  }
}
