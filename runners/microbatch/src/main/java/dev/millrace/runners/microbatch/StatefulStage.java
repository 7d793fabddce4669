package dev.millrace.runners.microbatch;

import com.google.common.base.Preconditions;
import dev.millrace.coders.Coder;
import dev.millrace.coders.KvCoder;
import dev.millrace.runners.core.ExecutableStep.ParDoStep;
import dev.millrace.runners.core.UserCodeException;
import dev.millrace.runners.core.state.StatefulDoFnRunner;
import dev.millrace.values.KV;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowedValue;
import dev.millrace.windowing.core.TimeDomain;
import dev.millrace.windowing.core.TimerData;
import dev.millrace.windowing.core.inmemory.InMemoryClock;
import dev.millrace.runners.core.execution.PartitionedInbox;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A stateful ParDo (its DoFn declares state or timers), executed through the shared {@link
 * StatefulDoFnRunner} over the runner's own per-key stores ({@link KeyState}, {@link TimerTable}
 * in {@link GroupingPartition}s), so its state and timers are part of every checkpoint.
 *
 * <p>During a batch, input is buffered per key partition. At the batch boundary each partition,
 * in parallel: processes its buffered elements key by key (in arrival order per key); advances
 * its input watermark to the step's and its processing time to the batch's single sample; then
 * fires due timers one timestamp at a time, event time before processing time, so that timers
 * set by a firing which are already due fire in the same boundary, in timestamp order per key,
 * until none is due. The output watermark is the minimum of the input watermark, the timers'
 * watermark holds and the pending event-time timers (including each window's
 * garbage-collection timer at its end plus the allowed lateness).
 *
 * <p>A partition with no input and no due timer does not touch the DoFn in that batch, so
 * {@code startBundle}/{@code finishBundle} wrap only partitions with work.
 */
final class StatefulStage implements Boundary {
  private final MicroBatchExecutor ex;
  private final ParDoStep step;
  private final PartitionedInbox inbox;
  private final Coder<Object> keyCoder;
  private final StateCodec<BoundedWindow> windowCodec;
  private final List<GroupingPartition> partitions = new ArrayList<>();

  @SuppressWarnings("unchecked")
  StatefulStage(MicroBatchExecutor ex, ParDoStep step, int numPartitions) {
    if (!step.sideInputs().isEmpty()) {
      throw new IllegalStateException("Step '" + step.name() + "' is a stateful ParDo with side "
          + "inputs, which the micro-batch runner does not support yet; pass the side data as a "
          + "keyed main input (e.g. Flatten it in) instead.");
    }
    Preconditions.checkArgument(step.input().getCoder() instanceof KvCoder,
        "Step '%s' is a stateful ParDo, so its input must be KVs with a KvCoder (state is kept "
            + "per key); its input %s has coder %s. Key the input first, e.g. with WithKeys.",
        step.name(), step.input().getName(), step.input().getCoder());
    this.ex = ex;
    this.step = step;
    this.inbox = new PartitionedInbox(numPartitions);
    this.keyCoder = ((KvCoder<Object, ?>) step.input().getCoder()).getKeyCoder();
    this.windowCodec = (StateCodec<BoundedWindow>)
        step.input().getWindowingStrategy().windowFn().windowCodec();
    for (int i = 0; i < numPartitions; i++) {
      partitions.add(new GroupingPartition());
    }
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
      p.clock = new InMemoryClock(pt);
    }
    StatefulInvocation call = new StatefulInvocation(ex, step);
    try {
      p.refreshOutputWatermark();
      processElements(p, call, elements);
      p.clock.advanceInputWatermark(inputWm);
      if (pt > p.clock.processingTime()) {
        p.clock.advanceProcessingTime(pt);
      }
      fireTimers(p, call);
      p.refreshOutputWatermark();
    } catch (UserCodeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw UserCodeException.forStep(step.name(), "stateful processing", e);
    }
    call.finish();
  }

  @SuppressWarnings("unchecked")
  private void processElements(
      GroupingPartition p, StatefulInvocation call, List<WindowedValue<?>> in) {
    if (in.isEmpty()) {
      return;
    }
    Map<Object, List<WindowedValue<KV<Object, Object>>>> byKey = new LinkedHashMap<>();
    for (WindowedValue<?> v : in) {
      KV<Object, Object> kv = (KV<Object, Object>) v.value();
      Object sk = keyCoder.structuralValue(kv.getKey());
      p.keys.putIfAbsent(sk, kv.getKey());
      byKey.computeIfAbsent(sk, k -> new ArrayList<>()).add((WindowedValue<KV<Object, Object>>) v);
    }
    for (Map.Entry<Object, List<WindowedValue<KV<Object, Object>>>> e : byKey.entrySet()) {
      StatefulDoFnRunner<Object, Object, Object> runner = bind(p, call, e.getKey());
      for (WindowedValue<KV<Object, Object>> v : e.getValue()) {
        runner.processElement(v);
      }
      release(p, e.getKey());
    }
  }

  /**
   * Fires due timers one timestamp at a time (so a timer that a firing sets for an earlier time
   * than other due timers fires before them), event time before processing time, until none is
   * due.
   */
  private void fireTimers(GroupingPartition p, StatefulInvocation call) {
    while (true) {
      p.refreshOutputWatermark();
      long event = p.timers.earliest(TimeDomain.EVENT_TIME);
      long processing = p.timers.earliest(TimeDomain.PROCESSING_TIME);
      List<TimerTable.Entry> due;
      if (event < p.clock.inputWatermark()) {
        due = p.timers.removeDue(TimeDomain.EVENT_TIME, event + 1);
      } else if (processing < p.clock.processingTime()) {
        due = p.timers.removeDue(TimeDomain.PROCESSING_TIME, processing + 1);
      } else {
        return;
      }
      Map<Object, List<TimerData>> byKey = new LinkedHashMap<>();
      for (TimerTable.Entry t : due) {
        byKey.computeIfAbsent(t.key(), k -> new ArrayList<>()).add(t.timer());
      }
      for (Map.Entry<Object, List<TimerData>> e : byKey.entrySet()) {
        bind(p, call, e.getKey()).onTimers(e.getValue());
        release(p, e.getKey());
      }
    }
  }

  /** Forgets a key that has neither state nor pending timers (every window of it expired). */
  private static void release(GroupingPartition p, Object structuralKey) {
    p.releaseIfEmpty(structuralKey);
    if (!p.states.containsKey(structuralKey) && !p.timers.hasTimers(structuralKey)) {
      p.keys.remove(structuralKey);
    }
  }

  private StatefulDoFnRunner<Object, Object, Object> bind(
      GroupingPartition p, StatefulInvocation call, Object structuralKey) {
    StatefulDoFnRunner<Object, Object, Object> runner = call.runner();
    runner.setKey(p.keys.get(structuralKey), p.state(structuralKey),
        p.timers.forKey(structuralKey, p.clock));
    return runner;
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

  @Override
  public void snapshot(DataOutputStream out) throws IOException {
    PartitionSnapshots.snapshot(out, partitions, keyCoder);
  }

  @Override
  public void restore(DataInputStream in) throws IOException {
    PartitionSnapshots.restore(in, partitions, keyCoder, windowCodec, step.name());
  }
}
