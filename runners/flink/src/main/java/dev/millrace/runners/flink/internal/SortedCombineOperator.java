package dev.millrace.runners.flink.internal;

import dev.millrace.coders.Coder;
import dev.millrace.metrics.MetricsContainer;
import dev.millrace.metrics.MetricsEnvironment;
import dev.millrace.options.PipelineOptions;
import dev.millrace.runners.core.ExecutableStep.CombinePerKeyStep;
import dev.millrace.runners.core.ExecutionGraph;
import dev.millrace.runners.core.MetricsContainerImpl;
import dev.millrace.runners.core.UserCodeException;
import dev.millrace.runners.flink.FlinkOptions;
import dev.millrace.transforms.CombineFn;
import dev.millrace.values.KV;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.PaneInfo;
import dev.millrace.windowing.TimestampCombiner;
import dev.millrace.windowing.WindowFn;
import dev.millrace.windowing.WindowedValue;
import dev.millrace.windowing.WindowingStrategy;
import dev.millrace.windowing.triggers.DefaultTrigger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The merging half of a lifted {@code Combine.perKey} in Flink's BATCH mode, for non-merging
 * windows with the default trigger: there Flink hands a keyed operator all records of one key in a
 * row (sorted inputs), and every window fires exactly once, when the input ends, with an on-time
 * and only pane. So instead of the windowing core over keyed state and timers, the operator keeps
 * the current key's partial accumulators per window in memory, and emits the key's results when
 * the next key starts and at the end of input, with what the core would emit: the merged
 * accumulators' output, the timestamp combiner's result over the partials' output times, and
 * {@link PaneInfo#ON_TIME_AND_ONLY_FIRING}. Other strategies and STREAMING mode use the core.
 */
public final class SortedCombineOperator extends AbstractStreamOperator<WindowedValue<Object>>
    implements OneInputStreamOperator<WindowedValue<Object>, WindowedValue<Object>> {
  private static final long serialVersionUID = 1L;
  /** Partials of one window merged eagerly past this many (bounds the memory of a hot key). */
  static final int MAX_PENDING = 64;
  /** New metrics become Flink metrics after this many keys (and at every watermark and the end). */
  static final int KEYS_PER_METRICS_SYNC = 10_000;
  /** A window table that grew past this (a key with many windows) is dropped, not cleared. */
  private static final int MAX_REUSED_WINDOWS = 16;

  private static final class Window {
    final List<Object> partials = new ArrayList<>(2);
    long timestamp;

    Window(long timestamp) {
      this.timestamp = timestamp;
    }
  }

  private final String id;
  private final String stepName;
  private final CombineFn<Object, Object, Object> fn;
  private final Coder<Object> keyCoder;
  private final WindowFn<BoundedWindow> windowFn;
  private final TimestampCombiner combiner;
  private transient MetricsContainerImpl metrics;
  /** The task thread's metrics slot (an operator runs in its task's thread, as DoFnRunner assumes). */
  private transient MetricsEnvironment.Holder metricsHolder;
  private transient MetricsAccumulator.FlinkMetrics flinkMetrics;
  private transient StreamRecord<WindowedValue<Object>> reuse;
  private transient EncodedKey currentKey;
  private transient Map<BoundedWindow, Window> windows;
  private transient int keysSinceSync;

  @SuppressWarnings("unchecked")
  private SortedCombineOperator(String id, CombinePerKeyStep step, Coder<?> keyCoder) {
    this.id = id;
    this.stepName = step.name();
    this.fn = (CombineFn<Object, Object, Object>) step.fn();
    this.keyCoder = (Coder<Object>) keyCoder;
    this.windowFn = (WindowFn<BoundedWindow>) step.strategy().windowFn();
    this.combiner = step.strategy().timestampCombiner();
  }

  /**
   * This operator for {@code step} when the job runs in BATCH mode and the strategy allows it,
   * else {@code core} (the windowing core's operator).
   */
  public static OneInputStreamOperator<WindowedValue<Object>, WindowedValue<Object>> orCore(
      ExecutionGraph graph, PipelineOptions options, CombinePerKeyStep step, String id,
      Coder<?> keyCoder, OneInputStreamOperator<WindowedValue<Object>, WindowedValue<Object>> core) {
    boolean batch = !options.as(FlinkOptions.class).isStreaming()
        && FlinkPipelineTranslator.isBounded(graph);
    return batch && applies(step.strategy()) ? new SortedCombineOperator(id, step, keyCoder) : core;
  }

  /** Whether every window of the strategy fires exactly once at the end of a bounded input. */
  static boolean applies(WindowingStrategy strategy) {
    return strategy.trigger() instanceof DefaultTrigger && !strategy.needsMerging();
  }

  @Override
  public void open() throws Exception {
    super.open();
    metricsHolder = MetricsEnvironment.holder();
    metrics = new MetricsContainerImpl(stepName);
    flinkMetrics = MetricsAccumulator.register(getRuntimeContext(), id, Map.of(stepName, metrics));
    reuse = new StreamRecord<>(null);
    windows = new LinkedHashMap<>();
  }

  @Override
  public void processElement(StreamRecord<WindowedValue<Object>> record) {
    EncodedKey key = (EncodedKey) getCurrentKey();
    if (!key.equals(currentKey)) {
      emitCurrentKey();
      currentKey = key;
    }
    WindowedValue<Object> v = record.getValue();
    Object partial = ((KV<?, ?>) v.value()).getValue();
    for (BoundedWindow w : v.windows()) {
      long outputTime = combiner.assign(w, windowFn.assignOutputTime(v.timestamp(), w));
      Window slot = windows.get(w);
      if (slot == null) {
        slot = new Window(outputTime);
        windows.put(w, slot);
      } else {
        slot.timestamp = combiner.combine(slot.timestamp, outputTime);
      }
      slot.partials.add(partial);
      if (slot.partials.size() > MAX_PENDING) {
        Object merged = merge(slot.partials);
        slot.partials.clear();
        slot.partials.add(merged);
      }
    }
  }

  private Object merge(List<Object> partials) {
    MetricsEnvironment.Holder holder = metricsHolder;
    MetricsContainer previous = holder.container;
    holder.container = metrics;
    try {
      return partials.size() == 1 ? partials.get(0) : fn.mergeAccumulators(partials);
    } catch (RuntimeException e) {
      throw UserCodeException.forElement(stepName, "the CombineFn", currentKey, e);
    } finally {
      holder.container = previous;
    }
  }

  private void emitCurrentKey() {
    if (windows.isEmpty()) {
      return;
    }
    Object userKey = currentKey.decode(keyCoder);
    for (Map.Entry<BoundedWindow, Window> e : windows.entrySet()) {
      Window slot = e.getValue();
      Object output;
      MetricsEnvironment.Holder holder = metricsHolder;
      MetricsContainer previous = holder.container;
      holder.container = metrics;
      try {
        output = fn.extractOutput(merge(slot.partials));
      } catch (UserCodeException ex) {
        throw ex;
      } catch (RuntimeException ex) {
        throw UserCodeException.forElement(stepName, "the CombineFn", userKey, ex);
      } finally {
        holder.container = previous;
      }
      this.output.collect(reuse.replace(WindowedValue.of(KV.of(userKey, output), slot.timestamp,
          e.getKey(), PaneInfo.ON_TIME_AND_ONLY_FIRING)));
    }
    // Clearing a HashMap costs its capacity, not its size: after one hot key with thousands of
    // windows every later key would pay for them.
    if (windows.size() > MAX_REUSED_WINDOWS) {
      windows = new LinkedHashMap<>();
    } else {
      windows.clear();
    }
    if (++keysSinceSync >= KEYS_PER_METRICS_SYNC) {
      keysSinceSync = 0;
      flinkMetrics.sync();
    }
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    emitCurrentKey();
    flinkMetrics.sync();
    super.processWatermark(mark);
  }

  @Override
  public void finish() throws Exception {
    emitCurrentKey();
    flinkMetrics.sync();
    super.finish();
  }
}
