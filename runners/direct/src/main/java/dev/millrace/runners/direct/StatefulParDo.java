package dev.millrace.runners.direct;

import dev.millrace.runners.core.execution.DoFnPool;
import dev.millrace.runners.core.execution.PartitionedInbox;
import dev.millrace.coders.Coder;
import dev.millrace.coders.KvCoder;
import dev.millrace.runners.core.ExecutableStep.ParDoStep;
import dev.millrace.runners.core.OutputManager;
import dev.millrace.runners.core.UserCodeException;
import dev.millrace.runners.core.state.StatefulDoFnRunner;
import dev.millrace.transforms.DoFn;
import dev.millrace.values.KV;
import dev.millrace.values.TupleTag;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowedValue;
import dev.millrace.windowing.core.TimeDomain;
import dev.millrace.windowing.core.TimerData;
import dev.millrace.windowing.core.inmemory.InMemoryClock;
import dev.millrace.windowing.core.inmemory.InMemoryStateStore;
import dev.millrace.windowing.core.inmemory.InMemoryTimerQueue;
import dev.millrace.windowing.core.inmemory.KeyedTimer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A stateful ParDo (its DoFn declares state or timers), executed through the shared
 * {@link StatefulDoFnRunner}: per key partition, in-memory state (round-tripped through the state
 * coders when encodability is enforced), timers and clocks. Each firing processes the buffered
 * elements key by key, then advances the input watermark and processing time (virtual under a
 * TestStream) and fires due timers one timestamp at a time — event time first — refreshing the
 * output watermark before each batch, until none is due. The output watermark is the minimum of
 * the input watermark, the timers' watermark holds and the pending event-time timers.
 */
final class StatefulParDo implements Boundary {
  private final DirectExecutor ex;
  private final ParDoStep step;
  private final PartitionedInbox inbox;
  private final Coder<Object> keyCoder;
  private final List<Partition> partitions = new ArrayList<>();

  /** One key partition's state, timers and clocks. */
  private static final class Partition {
    final InMemoryStateStore<Object> state;
    final InMemoryTimerQueue<Object> timers = new InMemoryTimerQueue<>();
    final Map<Object, Object> keys = new HashMap<>();
    InMemoryClock clock;

    Partition(boolean encode) {
      state = encode ? InMemoryStateStore.encoding() : InMemoryStateStore.create();
    }
  }

  @SuppressWarnings("unchecked")
  StatefulParDo(DirectExecutor ex, ParDoStep step, int numPartitions) {
    if (!step.sideInputs().isEmpty()) {
      throw new IllegalStateException("Step '" + step.name() + "' is a stateful ParDo with side "
          + "inputs, which the direct runner does not support yet; pass the side data as a "
          + "keyed main input (e.g. Flatten it in) instead.");
    }
    this.ex = ex;
    this.step = step;
    this.inbox = new PartitionedInbox(numPartitions);
    this.keyCoder = ((KvCoder<Object, ?>) step.input().getCoder()).getKeyCoder();
    for (int i = 0; i < numPartitions; i++) {
      partitions.add(new Partition(ex.options().isEnforceEncodability()));
    }
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

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void run(Partition p, List<WindowedValue<?>> elements, long inputWm, long processingTime) {
    if (p.clock == null) {
      p.clock = new InMemoryClock(processingTime);
    }
    FusedTask task = new FusedTask(ex);
    Map<TupleTag<?>, Receiver> outs = new HashMap<>();
    step.outputs().forEach((tag, pc) -> outs.put(tag, task.receiverFor(pc)));
    OutputManager om = new OutputManager() {
      @Override
      public <T> void output(TupleTag<T> tag, WindowedValue<T> value) {
        outs.get(tag).accept(value);
      }
    };
    DoFnPool pool = ex.doFnPool(step);
    DoFn fn = pool.pollIdle();
    boolean fresh = fn == null;
    if (fresh) {
      fn = pool.create();
    }
    StatefulDoFnRunner<Object, Object, Object> runner = new StatefulDoFnRunner<>(
        step.name(), fn, ex.options(), (TupleTag) step.parDo().getMainOutputTag(),
        step.parDo().getAdditionalOutputTags(), step.input().getWindowingStrategy(), om,
        ex.metrics().forStep(step.name()));
    try {
      if (fresh) {
        runner.setup();
      }
      runner.startBundle();
      refreshOutputWatermark(p);
      processElements(p, runner, elements);
      p.clock.advanceInputWatermark(inputWm);
      if (processingTime > p.clock.processingTime()) {
        p.clock.advanceProcessingTime(processingTime);
      }
      fireTimers(p, runner);
      refreshOutputWatermark(p);
      runner.finishBundle();
    } catch (UserCodeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw UserCodeException.forStep(step.name(), "stateful processing", e);
    }
    pool.release(fn);
    task.finish();
  }

  @SuppressWarnings("unchecked")
  private void processElements(
      Partition p, StatefulDoFnRunner<Object, Object, Object> runner, List<WindowedValue<?>> in) {
    Map<Object, List<WindowedValue<KV<Object, Object>>>> byKey = new LinkedHashMap<>();
    for (WindowedValue<?> v : in) {
      KV<Object, Object> kv = (KV<Object, Object>) v.value();
      Object sk = keyCoder.structuralValue(kv.getKey());
      p.keys.putIfAbsent(sk, kv.getKey());
      byKey.computeIfAbsent(sk, k -> new ArrayList<>()).add((WindowedValue<KV<Object, Object>>) v);
    }
    for (Map.Entry<Object, List<WindowedValue<KV<Object, Object>>>> e : byKey.entrySet()) {
      bind(p, runner, e.getKey());
      for (WindowedValue<KV<Object, Object>> v : e.getValue()) {
        runner.processElement(v);
      }
      p.state.releaseIfEmpty(e.getKey());
    }
  }

  /**
   * Fires due timers one timestamp at a time (so timers set by a firing for an earlier time fire
   * before later ones), event time before processing time, until none is due.
   */
  private void fireTimers(Partition p, StatefulDoFnRunner<Object, Object, Object> runner) {
    while (true) {
      refreshOutputWatermark(p);
      long event = p.timers.earliest(TimeDomain.EVENT_TIME);
      long processing = p.timers.earliest(TimeDomain.PROCESSING_TIME);
      List<KeyedTimer<Object>> due;
      if (event < p.clock.inputWatermark()) {
        due = p.timers.removeDue(TimeDomain.EVENT_TIME, event + 1);
      } else if (processing < p.clock.processingTime()) {
        due = p.timers.removeDue(TimeDomain.PROCESSING_TIME, processing + 1);
      } else {
        return;
      }
      Map<Object, List<TimerData>> byKey = new LinkedHashMap<>();
      for (KeyedTimer<Object> t : due) {
        byKey.computeIfAbsent(t.key(), k -> new ArrayList<>()).add(t.timer());
      }
      for (Map.Entry<Object, List<TimerData>> e : byKey.entrySet()) {
        bind(p, runner, e.getKey());
        runner.onTimers(e.getValue());
        p.state.releaseIfEmpty(e.getKey());
      }
    }
  }

  private void bind(Partition p, StatefulDoFnRunner<Object, Object, Object> runner, Object sk) {
    runner.setKey(p.keys.get(sk), p.state.forKey(sk), p.timers.forKey(sk, p.clock));
  }

  private static void refreshOutputWatermark(Partition p) {
    p.clock.refreshOutputWatermark(p.state.minimumHold(), p.timers.earliest(TimeDomain.EVENT_TIME));
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
