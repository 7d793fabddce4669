package dev.millrace.runners.direct;

import dev.millrace.runners.core.execution.PartitionedInbox;
import dev.millrace.coders.Coder;
import dev.millrace.coders.KvCoder;
import dev.millrace.runners.core.ExecutableStep.CombinePerKeyStep;
import dev.millrace.runners.core.MetricsContainerImpl;
import dev.millrace.runners.core.UserCodeException;
import dev.millrace.metrics.MetricsContainer;
import dev.millrace.metrics.MetricsEnvironment;
import dev.millrace.transforms.CombineFn;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.PaneInfo;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A lifted {@code Combine.perKey} over bounded input with the default trigger and non-merging
 * windows: each task pre-combines its elements per key and window into accumulators (no shuffle
 * of raw values), and once the input is complete the partial accumulators of each key are merged
 * and one ON_TIME pane per key and window is emitted.
 */
final class BatchCombinePerKey extends BatchKeyedBoundary {
  private static final int MAX_PRECOMBINE_KEYS = 100_000;
  private final DirectExecutor ex;
  private final CombinePerKeyStep step;
  private final Coder<Object> keyCoder;
  private final PCollection<?> output;
  private final MetricsContainerImpl metrics;

  @SuppressWarnings("unchecked")
  BatchCombinePerKey(DirectExecutor ex, CombinePerKeyStep step, int partitions) {
    super(partitions);
    this.ex = ex;
    this.step = step;
    this.keyCoder = ((KvCoder<Object, ?>) step.input().getCoder()).getKeyCoder();
    this.output = step.outputs().values().iterator().next();
    this.metrics = ex.metrics().forStep(step.name());
  }

  @Override
  public Receiver inputReceiver(FusedTask task) {
    CombineFn<Object, Object, Object> fn = newFn();
    PartitionedInbox.Writer w = inbox.new Writer();
    KeyedWindowTable<Object> table = new KeyedWindowTable<>(step.strategy().timestampCombiner());
    int n = inbox.numPartitions();
    Runnable flush = () -> {
      table.drain((sk, entry) -> entry.forEach((window, slot) -> w.add(
          PartitionedInbox.partitionOf(sk, n),
          WindowedValue.of(KV.of(entry.key, call(() -> fn.compact(slot.aggregate), entry.key)),
              slot.timestamp, window, PaneInfo.NO_FIRING))));
      w.flush();
    };
    task.onFinish(flush);
    MetricsEnvironment.Holder holder = MetricsEnvironment.holder();
    java.util.function.Supplier<Object> create = fn::createAccumulator;
    return v -> {
      KV<?, ?> kv = (KV<?, ?>) v.value();
      Object key = kv.getKey();
      Object sk = keyCoder.structuralValue(key);
      MetricsContainer prev = holder.container;
      holder.container = metrics;
      try {
        for (BoundedWindow window : v.windows()) {
          KeyedWindowTable.Slot<Object> slot = table.slot(sk, key, window, v.timestamp(), create);
          slot.aggregate = fn.addInput(slot.aggregate, kv.getValue());
        }
      } catch (RuntimeException e) {
        throw UserCodeException.forElement(step.name(), "the CombineFn", kv, e);
      } finally {
        holder.container = prev;
      }
      if (table.size() > MAX_PRECOMBINE_KEYS) {
        flush.run();
      }
    };
  }

  /** A copy of the CombineFn for one task: user functions are never shared across threads. */
  @SuppressWarnings("unchecked")
  private CombineFn<Object, Object, Object> newFn() {
    return (CombineFn<Object, Object, Object>) ex.cloneFn(step.fn(), step.name());
  }

  private <T> T call(java.util.function.Supplier<T> userCode, Object element) {
    MetricsEnvironment.Holder h = MetricsEnvironment.holder();
    MetricsContainer prev = h.container;
    h.container = metrics;
    try {
      return userCode.get();
    } catch (UserCodeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw UserCodeException.forElement(step.name(), "the CombineFn", element, e);
    } finally {
      h.container = prev;
    }
  }

  @Override
  void emit(List<WindowedValue<?>> partials) {
    CombineFn<Object, Object, Object> fn = newFn();
    KeyedWindowTable<Object> table = new KeyedWindowTable<>(step.strategy().timestampCombiner());
    for (WindowedValue<?> v : partials) {
      KV<?, ?> kv = (KV<?, ?>) v.value();
      Object sk = keyCoder.structuralValue(kv.getKey());
      BoundedWindow window = v.windows().get(0);
      KeyedWindowTable.Slot<Object> slot = table.slot(sk, kv.getKey(), window, v.timestamp(),
          () -> null);
      slot.aggregate = slot.aggregate == null
          ? kv.getValue()
          : call(() -> fn.mergeAccumulators(List.of(slot.aggregate, kv.getValue())), kv.getKey());
    }
    FusedTask task = new FusedTask(ex);
    Receiver out = task.receiverFor(output);
    table.drain((sk, entry) -> entry.forEach((window, slot) -> out.accept(
        WindowedValue.of(KV.of(entry.key, call(() -> fn.extractOutput(slot.aggregate), entry.key)),
            slot.timestamp, window, PaneInfo.ON_TIME_AND_ONLY_FIRING))));
    task.finish();
  }
}
