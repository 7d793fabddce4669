package dev.millrace.runners.flink.internal;

import dev.millrace.coders.Coder;
import dev.millrace.options.PipelineOptions;
import dev.millrace.runners.core.MetricsContainerImpl;
import dev.millrace.runners.core.OutputManager;
import dev.millrace.runners.core.UserCodeException;
import dev.millrace.runners.core.state.StatefulDoFnRunner;
import dev.millrace.transforms.DoFn;
import dev.millrace.values.KV;
import dev.millrace.values.TupleTag;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowedValue;
import dev.millrace.windowing.WindowingStrategy;
import dev.millrace.windowing.core.TimerData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * A stateful ParDo (its DoFn declares state or timers) on a keyed Flink stream: runs the shared
 * {@link StatefulDoFnRunner} for the current key over Flink keyed state ({@link
 * FlinkStateInternals}) and Flink's timer service ({@link FlinkTimers}), so state scoping, timer
 * ordering, holds, window expiry and garbage collection are those of every other runner.
 *
 * <p>When Flink fires a timer of a key, the key's due timers are handed to the runner one
 * timestamp at a time (event time first), until none is due, so a timer that a firing sets for
 * an earlier time fires before later pending ones. The output watermark is the input watermark
 * held back by the watermark holds (timers' output timestamps) and pending event-time timers of
 * all keys of this instance; it is refreshed before each element and each batch of timers and
 * forwarded after the timers a watermark made due have fired. Outputs of an element carry the
 * element's Flink record timestamp (its TestStream bundle, if any). Under a script clock (one
 * TestStream) the operator runs step by step like {@link GroupAlsoByWindowOperator}: elements of
 * a step are processed when every sender has completed it, then the step's clocks fire timers,
 * and every output carries the step.
 */
public final class StatefulDoFnOperator extends AbstractStreamOperator<WindowedValue<Object>>
    implements OneInputStreamOperator<WindowedValue<Object>, WindowedValue<Object>>,
        Triggerable<EncodedKey, EncodedKey> {
  private static final long serialVersionUID = 1L;
  static final int MAX_BUNDLE_SIZE = 1000;

  private final String id;
  private final String stepName;
  private final DoFn<KV<Object, Object>, Object> fn;
  private final PipelineOptions options;
  private final TupleTag<Object> mainTag;
  private final List<TupleTag<?>> additionalTags;
  private final List<TupleTag<?>> exitOrder;
  private final List<OutputTag<WindowedValue<Object>>> exitTags;
  private final WindowingStrategy strategy;
  private final Coder<Object> keyCoder;
  private final FlinkClock clock;
  private final boolean boundedInput;

  private transient FlinkStateInternals state;
  private transient FlinkTimers timers;
  private transient InternalTimerService<EncodedKey> service;
  private transient TimestampMultiset holds;
  private transient MetricsContainerImpl metrics;
  private transient MetricsAccumulator.FlinkMetrics flinkMetrics;
  private transient StatefulDoFnRunner<Object, Object, Object> runner;
  private transient Exits exits;
  private transient StreamRecord<Object> timerRecord;
  private transient long outputWatermark;
  private transient long emittedWatermark;
  private transient boolean restored;
  private transient boolean inBundle;
  private transient int bundleSize;
  private transient EncodedKey lastKey;
  /** Under a script clock: the input's steps, the step reached, the elements by step and key. */
  private transient KeyedScriptSteps steps;

  /**
   * @param id unique among the job's operators (names the metrics accumulator)
   * @param exitOrder the output tags in the order of {@code exitTags}
   * @param exitTags one side-output tag per output, or null when the only output is the main one
   */
  @SuppressWarnings("unchecked")
  public StatefulDoFnOperator(
      String id, String stepName, DoFn<?, ?> fn, PipelineOptions options, TupleTag<?> mainTag,
      List<TupleTag<?>> additionalTags, List<TupleTag<?>> exitOrder,
      List<OutputTag<WindowedValue<Object>>> exitTags, WindowingStrategy strategy,
      Coder<?> keyCoder, FlinkClock clock, boolean boundedInput) {
    this.boundedInput = boundedInput;
    this.id = id;
    this.stepName = stepName;
    this.fn = (DoFn<KV<Object, Object>, Object>) fn;
    this.options = options;
    this.mainTag = (TupleTag<Object>) mainTag;
    this.additionalTags = List.copyOf(additionalTags);
    this.exitOrder = List.copyOf(exitOrder);
    this.exitTags = exitTags;
    this.strategy = strategy;
    this.keyCoder = (Coder<Object>) keyCoder;
    this.clock = clock;
  }

  @Override
  public void initializeState(StateInitializationContext context) throws Exception {
    super.initializeState(context);
    restored = context.isRestored();
  }

  @Override
  public void open() throws Exception {
    super.open();
    holds = new TimestampMultiset();
    state = new FlinkStateInternals(this, holds);
    service = getInternalTimerService("millrace-timers", FlinkStateInternals.NAMESPACES, this);
    if (clock instanceof FlinkClock.Script script) {
      steps = new KeyedScriptSteps(script, boundedInput);
      timers = FlinkTimers.scripted(this, service, getInternalTimerService(
              "millrace-script-processing-timers", FlinkStateInternals.NAMESPACES, this),
          strategy.windowFn().windowCodec(), () -> outputWatermark, clock, true, steps.time());
    } else {
      timers = new FlinkTimers(this, service, strategy.windowFn().windowCodec(),
          () -> outputWatermark, clock, true);
    }
    metrics = new MetricsContainerImpl(stepName);
    flinkMetrics =
        MetricsAccumulator.register(getRuntimeContext(), id, Map.of(stepName, metrics));
    exits = Exits.of(output, exitTags);
    timerRecord = new StreamRecord<>(null);
    runner = new StatefulDoFnRunner<>(stepName, fn, options, mainTag, additionalTags, strategy,
        outputManager(), metrics);
    outputWatermark = Timestamps.MIN;
    emittedWatermark = Long.MIN_VALUE;
    if (restored) {
      rebuildIndexes();
    }
    run(runner::setup);
  }

  private OutputManager outputManager() {
    Map<TupleTag<?>, Integer> index = new HashMap<>();
    for (int i = 0; i < exitOrder.size(); i++) {
      index.put(exitOrder.get(i), i);
    }
    return new OutputManager() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> void output(TupleTag<T> tag, WindowedValue<T> value) {
        Integer exit = index.get(tag);
        if (exit != null) {
          exits.emit(exit, (WindowedValue<Object>) value);
        }
      }
    };
  }

  /** After a restore: find the holds and pending event-time timers of every key again. */
  private void rebuildIndexes() throws Exception {
    getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE,
        VoidNamespaceSerializer.INSTANCE, FlinkStateInternals.HOLDS, (key, s) -> {
          for (Long hold : s.values()) {
            holds.add(hold);
          }
        });
    timers.rebuildIndex();
  }

  @Override
  public void processElement(StreamRecord<WindowedValue<Object>> record) {
    if (steps != null) {
      steps.offer(record, (EncodedKey) getCurrentKey());
      return;
    }
    exits.input(record);
    refreshOutputWatermark();
    startBundle();
    bind();
    @SuppressWarnings("unchecked")
    WindowedValue<KV<Object, Object>> value = (WindowedValue<KV<Object, Object>>) (Object)
        record.getValue();
    run(() -> runner.processElement(value));
    if (++bundleSize >= MAX_BUNDLE_SIZE) {
      finishBundle();
    }
  }

  @Override
  public void onEventTime(InternalTimer<EncodedKey, EncodedKey> timer) {
    fireDue(timer);
  }

  @Override
  public void onProcessingTime(InternalTimer<EncodedKey, EncodedKey> timer) {
    fireDue(timer);
    if (steps != null) {
      return;
    }
    refreshOutputWatermark();
    finishBundle();
    emitWatermark(false);
  }

  /** Fires the current key's due timers, one timestamp at a time, until none is due. */
  private void fireDue(InternalTimer<EncodedKey, EncodedKey> fired) {
    if (steps == null) { // under a script the outputs carry the step (set by runStep)
      timerRecord.eraseTimestamp();
      exits.input(timerRecord);
    }
    while (true) {
      // The due timers are still pending here: they hold the output watermark.
      refreshOutputWatermark();
      List<TimerData> due = timers.takeEarliestDue(fired);
      if (due.isEmpty()) {
        return;
      }
      startBundle();
      bind();
      run(() -> runner.onTimers(due));
    }
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    if (steps != null) {
      steps.onWatermark(mark.getTimestamp(), this::runStep);
      return;
    }
    if (timeServiceManager != null) {
      timeServiceManager.advanceWatermark(mark);
    }
    refreshOutputWatermark();
    finishBundle();
    emitWatermark(mark.getTimestamp() == Long.MAX_VALUE);
  }

  /**
   * Script clock: step {@code step} as the direct runner runs it for one script event: the step's
   * elements key by key (under the previous step's clocks), then the step's clocks, the timers
   * they make due, and the step's output watermark (a marker when held below the script's, then
   * the Flink watermark that says the step is complete). Outputs carry the step.
   */
  private void runStep(long step) throws Exception {
    FlinkClock.Script script = (FlinkClock.Script) clock;
    exits.input(timerRecord.replace(null, step));
    Map<EncodedKey, List<WindowedValue<Object>>> bundle = steps.take(step);
    if (bundle != null) {
      refreshOutputWatermark();
      for (Map.Entry<EncodedKey, List<WindowedValue<Object>>> e : bundle.entrySet()) {
        setCurrentKey(e.getKey());
        startBundle();
        bind();
        for (WindowedValue<Object> v : e.getValue()) {
          @SuppressWarnings("unchecked")
          WindowedValue<KV<Object, Object>> value = (WindowedValue<KV<Object, Object>>) (Object) v;
          run(() -> runner.processElement(value));
        }
      }
    }
    steps.advanceClocks(step);
    timers.advanceScript();
    refreshOutputWatermark();
    finishBundle();
    flinkMetrics.sync();
    emittedWatermark = MarkerRouting.endStep(
        script, step, outputWatermark, emittedWatermark, m -> exits.emitMarker(m, step), output);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    finishBundle();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void finish() throws Exception {
    finishBundle();
    super.finish();
  }

  @Override
  public void close() throws Exception {
    if (runner != null) {
      run(runner::teardown);
    }
    super.close();
  }

  private void startBundle() {
    if (!inBundle) {
      inBundle = true;
      bundleSize = 0;
      run(runner::startBundle);
    }
  }

  private void finishBundle() {
    if (inBundle) {
      inBundle = false;
      run(runner::finishBundle);
      flinkMetrics.sync();
    }
  }

  private void emitWatermark(boolean endOfInput) {
    long wm = endOfInput
        ? Long.MAX_VALUE : clock.toFlink(outputWatermark, service.currentWatermark());
    if (wm > emittedWatermark) {
      emittedWatermark = wm;
      output.emitWatermark(new Watermark(wm));
    }
  }

  /** Beam's rule: min(input watermark, holds, pending event timers); never backwards. */
  private void refreshOutputWatermark() {
    long input = timers.currentInputWatermark();
    long candidate = Math.min(input, Math.min(holds.min(), timers.earliest()));
    outputWatermark = Math.max(outputWatermark, candidate);
  }

  private void bind() {
    EncodedKey key = (EncodedKey) getCurrentKey();
    if (!key.equals(lastKey)) {
      lastKey = key;
      runner.setKey(key.decode(keyCoder), state, timers);
    }
  }

  private void run(Runnable work) {
    try {
      work.run();
    } catch (UserCodeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw UserCodeException.forStep(stepName, "stateful processing", e);
    }
  }
}
