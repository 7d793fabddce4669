package dev.millrace.runners.microbatch;

import dev.millrace.runners.core.execution.PartitionedInbox;
import dev.millrace.coders.Coder;
import dev.millrace.coders.KvCoder;
import dev.millrace.metrics.MetricName;
import dev.millrace.metrics.MetricsContainer;
import dev.millrace.metrics.MetricsEnvironment;
import dev.millrace.runners.core.UserCodeException;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowedValue;
import dev.millrace.windowing.core.DropCounter;
import dev.millrace.windowing.core.GroupAlsoByWindow;
import dev.millrace.windowing.core.KeyedGroupAlsoByWindow;
import dev.millrace.windowing.core.TimeDomain;
import dev.millrace.windowing.core.TimerData;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * A grouping (GroupByKey, or a Combine folding values as they arrive) executed through the shared
 * windowing core, in parallel by key partition. During a batch, input is buffered per partition;
 * at the batch boundary each partition processes its buffered elements key by key (all elements
 * of a key in one call), then advances its input watermark and processing time to the batch's and
 * fires due timers in timestamp order until none is left. State, timers and clocks are written
 * to checkpoints.
 */
final class KeyedGrouping implements Boundary {
  private final MicroBatchExecutor ex;
  private final String stepName;
  private final GroupAlsoByWindow<Object, Object> core;
  private final Function<Object, Object> outputValue;
  private final PartitionedInbox inbox;
  private final Coder<Object> keyCoder;
  private final StateCodec<BoundedWindow> windowCodec;
  private final PCollection<?> output;
  private final List<GroupingPartition> partitions = new ArrayList<>();
  private final MetricsContainer metrics;
  private final DropCounter drops;

  @SuppressWarnings("unchecked")
  KeyedGrouping(
      MicroBatchExecutor ex,
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
    this.windowCodec =
        (StateCodec<BoundedWindow>) input.getWindowingStrategy().windowFn().windowCodec();
    this.output = output;
    this.metrics = ex.metrics().forStep(stepName);
    for (int i = 0; i < numPartitions; i++) {
      partitions.add(new GroupingPartition());
    }
    this.drops = new DropCounter() {
      @Override
      public void droppedDueToLateness(long count) {
        metrics.getCounter(MetricName.named("millrace", "droppedDueToLateness")).inc(count);
      }

      @Override
      public void droppedDueToClosedWindow(long count) {
        metrics.getCounter(MetricName.named("millrace", "droppedDueToClosedWindow")).inc(count);
      }
    };
  }

  /** The output value of a GroupByKey pane: an unmodifiable view of the buffered list. */
  static Object groupedValues(Object paneOutput) {
    return Collections.unmodifiableList((List<?>) paneOutput);
  }

  @Override
  public Receiver inputReceiver(BatchTask task) {
    PartitionedInbox.Writer w = inbox.new Writer();
    task.onFinish(w::flush);
    int n = inbox.numPartitions();
    return v -> {
      Object key = ((KV<?, ?>) v.value()).getKey();
      w.add(PartitionedInbox.partitionOf(keyCoder.structuralValue(key), n), v);
    };
  }

  @Override
  public List<Callable<Void>> fire(long inputWatermark, long processingTime) {
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

  private void run(GroupingPartition p, List<WindowedValue<?>> elements, long inputWm, long pt) {
    if (p.clock == null) {
      p.clock = new dev.millrace.windowing.core.inmemory.InMemoryClock(pt);
    }
    BatchTask task = new BatchTask(ex);
    Receiver out = task.receiverFor(output);
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
      p.refreshOutputWatermark();
      for (Map.Entry<Object, List<WindowedValue<Object>>> e : byKey.entrySet()) {
        forKey(p, e.getKey(), out).processElements(e.getValue());
        p.releaseIfEmpty(e.getKey());
      }
      p.clock.advanceInputWatermark(inputWm);
      if (pt > p.clock.processingTime()) {
        p.clock.advanceProcessingTime(pt);
      }
      fireTimers(p, out);
      p.refreshOutputWatermark();
    } catch (UserCodeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw UserCodeException.forStep(stepName, "grouping", e);
    } finally {
      holder.container = prev;
    }
    task.finish();
  }

  private void fireTimers(GroupingPartition p, Receiver out) {
    while (true) {
      p.refreshOutputWatermark();
      List<TimerTable.Entry> due =
          new ArrayList<>(p.timers.removeDue(TimeDomain.EVENT_TIME, p.clock.inputWatermark()));
      due.addAll(p.timers.removeDue(TimeDomain.PROCESSING_TIME, p.clock.processingTime()));
      if (due.isEmpty()) {
        return;
      }
      due.sort((a, b) -> Long.compare(a.timer().timestamp(), b.timer().timestamp()));
      Map<Object, List<TimerData>> byKey = new LinkedHashMap<>();
      for (TimerTable.Entry t : due) {
        byKey.computeIfAbsent(t.key(), k -> new ArrayList<>()).add(t.timer());
      }
      for (Map.Entry<Object, List<TimerData>> e : byKey.entrySet()) {
        forKey(p, e.getKey(), out).onTimers(e.getValue());
        p.releaseIfEmpty(e.getKey());
      }
    }
  }

  private KeyedGroupAlsoByWindow<Object, Object> forKey(
      GroupingPartition p, Object structuralKey, Receiver out) {
    Object key = p.keys.get(structuralKey);
    return core.forKey(
        p.state(structuralKey),
        p.timers.forKey(structuralKey, p.clock),
        pane -> out.accept(pane.withValue(KV.of(key, outputValue.apply(pane.value())))),
        drops);
  }

  @Override
  public long outputWatermark(long inputWatermark) {
    long min = Timestamps.MAX;
    for (GroupingPartition p : partitions) {
      min = Math.min(min, p.clock == null ? Timestamps.MIN : p.clock.outputWatermark());
    }
    return Math.min(min, inputWatermark);
  }

  @Override
  public boolean hasPending() {
    return !inbox.isEmpty();
  }

  // ---- checkpoints ----

  @Override
  public void snapshot(DataOutputStream out) throws IOException {
    PartitionSnapshots.snapshot(out, partitions, keyCoder);
  }

  @Override
  public void restore(DataInputStream in) throws IOException {
    PartitionSnapshots.restore(in, partitions, keyCoder, windowCodec, stepName);
  }
}
