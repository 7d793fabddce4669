package dev.millrace.runners.direct;

import dev.millrace.runners.core.execution.PartitionedInbox;
import dev.millrace.coders.Coder;
import dev.millrace.coders.KvCoder;
import dev.millrace.metrics.MetricName;
import dev.millrace.metrics.MetricsContainer;
import dev.millrace.metrics.MetricsEnvironment;
import dev.millrace.runners.core.UserCodeException;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowedValue;
import dev.millrace.windowing.core.DropCounter;
import dev.millrace.windowing.core.GroupAlsoByWindow;
import dev.millrace.windowing.core.TimeDomain;
import dev.millrace.windowing.core.TimerData;
import dev.millrace.windowing.core.inmemory.InMemoryClock;
import dev.millrace.windowing.core.inmemory.InMemoryStateStore;
import dev.millrace.windowing.core.inmemory.InMemoryTimerQueue;
import dev.millrace.windowing.core.inmemory.KeyedTimer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * A grouping (GroupByKey, or a Combine that folds values as they arrive) executed through the
 * shared windowing core: per key partition, in-memory state and timers; each firing processes the
 * buffered elements key by key (all elements of a key in one call, so triggers see whole
 * bundles), then advances the input watermark and processing time and fires due timers in
 * timestamp order until none is left. The output watermark is held by the core's holds and
 * pending timers.
 */
final class StreamingGrouping implements Boundary {
  private final DirectExecutor ex;
  private final String stepName;
  private final GroupAlsoByWindow<Object, Object> core;
  private final Function<Object, Object> outputValue;
  private final PartitionedInbox inbox;
  private final Coder<Object> keyCoder;
  private final PCollection<?> output;
  private final List<Partition> partitions = new ArrayList<>();
  private final MetricsContainer metrics;

  /** One key partition's state, timers and clocks. */
  private static final class Partition {
    final InMemoryStateStore<Object> state = InMemoryStateStore.create();
    final InMemoryTimerQueue<Object> timers = new InMemoryTimerQueue<>();
    final Map<Object, Object> keys = new HashMap<>();
    InMemoryClock clock;
  }

  @SuppressWarnings("unchecked")
  StreamingGrouping(
      DirectExecutor ex,
      String stepName,
      PCollection<?> input,
      PCollection<?> output,
      GroupAlsoByWindow<?, ?> core,
      Function<Object, Object> outputValue,
      int numPartitions) {
    this.ex = ex;
    this.stepName = stepName;
    this.core = (GroupAlsoByWindow<Object, Object>) core;
    this.outputValue = outputValue;
    this.inbox = new PartitionedInbox(numPartitions);
    this.keyCoder = ((KvCoder<Object, ?>) input.getCoder()).getKeyCoder();
    this.output = output;
    this.metrics = ex.metrics().forStep(stepName);
    for (int i = 0; i < numPartitions; i++) {
      partitions.add(new Partition());
    }
  }

  /** The output value of a GroupByKey pane: an unmodifiable view of the buffered list. */
  static Object groupedValues(Object paneOutput) {
    return Collections.unmodifiableList((List<?>) paneOutput);
  }

  @Override
  public Receiver inputReceiver(FusedTask task) {
    PartitionedInbox.Writer w = inbox.new Writer();
    task.onFinish(w::flush);
    int n = inbox.numPartitions();
    return v -> {
      Object key = ((KV<?, ?>) v.value()).getKey();
      w.add(PartitionedInbox.partitionOf(keyCoder.structuralValue(key), n), v);
    };
  }

  @Override
  public List<Callable<Void>> fire(long inputWatermark) {
    long processingTime = ex.clock().millis();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int i = 0; i < partitions.size(); i++) {
      int index = i;
      tasks.add(() -> {
        run(partitions.get(index), inbox.drain(index), inputWatermark, processingTime);
        return null;
      });
    }
    return tasks;
  }

  private void run(Partition p, List<WindowedValue<?>> elements, long inputWm, long processingTime) {
    if (p.clock == null) {
      p.clock = new InMemoryClock(processingTime);
    }
    FusedTask task = new FusedTask(ex);
    Receiver out = task.receiverFor(output);
    DropCounter drops = new DropCounter() {
      @Override
      public void droppedDueToLateness(long count) {
        metrics.getCounter(MetricName.named("millrace", "droppedDueToLateness")).inc(count);
      }

      @Override
      public void droppedDueToClosedWindow(long count) {
        metrics.getCounter(MetricName.named("millrace", "droppedDueToClosedWindow")).inc(count);
      }
    };
    Map<Object, List<WindowedValue<Object>>> byKey = new LinkedHashMap<>();
    for (WindowedValue<?> v : elements) {
      KV<?, ?> kv = (KV<?, ?>) v.value();
      Object sk = keyCoder.structuralValue(kv.getKey());
      p.keys.putIfAbsent(sk, kv.getKey());
      byKey.computeIfAbsent(sk, k -> new ArrayList<>()).add(v.withValue(kv.getValue()));
    }
    MetricsEnvironment.Holder holder = MetricsEnvironment.holder();
    MetricsContainer prev = holder.container;
    holder.container = metrics;
    try {
      refreshOutputWatermark(p);
      for (Map.Entry<Object, List<WindowedValue<Object>>> e : byKey.entrySet()) {
        forKey(p, e.getKey(), out, drops).processElements(e.getValue());
      }
      p.clock.advanceInputWatermark(inputWm);
      if (processingTime > p.clock.processingTime()) {
        p.clock.advanceProcessingTime(processingTime);
      }
      fireTimers(p, out, drops);
      refreshOutputWatermark(p);
    } catch (UserCodeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw UserCodeException.forStep(stepName, "grouping", e);
    } finally {
      holder.container = prev;
    }
    task.finish();
  }

  /**
   * Beam's rule: the output watermark is the minimum of the input watermark, the holds and the
   * pending event-time timers, never moving back. Refreshed before each bundle and each batch of
   * timers, so that pane timing sees the timers about to fire as still holding it.
   */
  private static void refreshOutputWatermark(Partition p) {
    p.clock.refreshOutputWatermark(p.state.minimumHold(), p.timers.earliest(TimeDomain.EVENT_TIME));
  }

  private void fireTimers(Partition p, Receiver out, DropCounter drops) {
    while (true) {
      refreshOutputWatermark(p);
      List<KeyedTimer<Object>> due = new ArrayList<>(
          p.timers.removeDue(TimeDomain.EVENT_TIME, p.clock.inputWatermark()));
      due.addAll(p.timers.removeDue(TimeDomain.PROCESSING_TIME, p.clock.processingTime()));
      if (due.isEmpty()) {
        return;
      }
      due.sort((a, b) -> Long.compare(a.timer().timestamp(), b.timer().timestamp()));
      Map<Object, List<TimerData>> byKey = new LinkedHashMap<>();
      for (KeyedTimer<Object> t : due) {
        byKey.computeIfAbsent(t.key(), k -> new ArrayList<>()).add(t.timer());
      }
      for (Map.Entry<Object, List<TimerData>> e : byKey.entrySet()) {
        forKey(p, e.getKey(), out, drops).onTimers(e.getValue());
        p.state.releaseIfEmpty(e.getKey());
      }
    }
  }

  private dev.millrace.windowing.core.KeyedGroupAlsoByWindow<Object, Object> forKey(
      Partition p, Object structuralKey, Receiver out, DropCounter drops) {
    Object key = p.keys.get(structuralKey);
    return core.forKey(
        p.state.forKey(structuralKey),
        p.timers.forKey(structuralKey, p.clock),
        pane -> out.accept(pane.withValue(KV.of(key, outputValue.apply(pane.value())))),
        drops);
  }

  @Override
  public long outputWatermark(long inputWatermark) {
    long min = Timestamps.MAX;
    for (Partition p : partitions) {
      min = Math.min(min, p.clock == null ? Timestamps.MIN : p.clock.outputWatermark());
    }
    return Math.min(min, inputWatermark);
  }

  @Override
  public boolean hasPending() {
    return !inbox.isEmpty();
  }
}
