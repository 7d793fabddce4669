package dev.millrace.runners.direct;

import dev.millrace.runners.core.execution.PartitionedInbox;
import dev.millrace.coders.Coder;
import dev.millrace.coders.KvCoder;
import dev.millrace.runners.core.ExecutableStep.GroupByKeyStep;
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
 * GroupByKey of bounded input with the default trigger and non-merging windows: buffer every
 * value per key and window, and once the input is complete (watermark at the end of time) emit
 * one ON_TIME pane per key and window — exactly what the windowing core would produce for such
 * input, without its per-element bookkeeping.
 */
final class BatchGroupByKey extends BatchKeyedBoundary {
  private final DirectExecutor ex;
  private final GroupByKeyStep step;
  private final Coder<Object> keyCoder;
  private final PCollection<?> output;

  @SuppressWarnings("unchecked")
  BatchGroupByKey(DirectExecutor ex, GroupByKeyStep step, int partitions) {
    super(partitions);
    this.ex = ex;
    this.step = step;
    this.keyCoder = ((KvCoder<Object, ?>) step.input().getCoder()).getKeyCoder();
    this.output = step.outputs().values().iterator().next();
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

  @SuppressWarnings({"unchecked", "rawtypes"})
  @Override
  void emit(List<WindowedValue<?>> values) {
    KeyedWindowTable<List<Object>> table =
        new KeyedWindowTable<>(step.strategy().timestampCombiner());
    for (WindowedValue<?> v : values) {
      KV<?, ?> kv = (KV<?, ?>) v.value();
      Object sk = keyCoder.structuralValue(kv.getKey());
      for (BoundedWindow w : v.windows()) {
        table.slot(sk, kv.getKey(), w, v.timestamp(), ArrayList::new).aggregate.add(kv.getValue());
      }
    }
    FusedTask task = new FusedTask(ex);
    Receiver out = task.receiverFor(output);
    table.drain((sk, entry) -> entry.forEach((window, slot) ->
        out.accept(WindowedValue.of(KV.of(entry.key, (Iterable) java.util.Collections.unmodifiableList(slot.aggregate)), slot.timestamp,
            window, PaneInfo.ON_TIME_AND_ONLY_FIRING))));
    task.finish();
  }
}
