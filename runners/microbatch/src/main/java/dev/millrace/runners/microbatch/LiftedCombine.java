package dev.millrace.runners.microbatch;

import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderUtils;
import dev.millrace.coders.KvCoder;
import dev.millrace.metrics.MetricsContainer;
import dev.millrace.metrics.MetricsEnvironment;
import dev.millrace.runners.core.ExecutableStep.CombinePerKeyStep;
import dev.millrace.runners.core.UserCodeException;
import dev.millrace.transforms.CombineFn;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.PaneInfo;
import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.StateCodecs;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowedValue;
import dev.millrace.windowing.WindowingStrategy;
import dev.millrace.windowing.triggers.DefaultTrigger;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * A lifted {@code Combine.perKey} over bounded input with the default trigger and non-merging
 * windows. Each batch task folds its elements into a task-local table of accumulators per key and
 * window (no element crosses a thread or goes through the windowing core); at the task's end the
 * partial accumulators go to their key partition. At the batch boundary each partition merges
 * them into its own table, which is part of the checkpoint. When the input watermark reaches the
 * end of time, each key and window emits one pane, as the core would: ON_TIME, the only firing,
 * at the combined output timestamp (capped at the window's end).
 *
 * <p>This is exact because a bounded collection's watermark on this runner stays at the
 * beginning of time until all its input is read and then jumps to the end of time: no element is
 * late, and the default trigger fires each window exactly once, when the input is complete.
 */
final class LiftedCombine implements Boundary {
  /** A task flushes its partial accumulators when its table reaches this many slots. */
  private static final int MAX_TASK_SLOTS = 1 << 18;

  private final MicroBatchExecutor ex;
  private final CombinePerKeyStep step;
  private final Coder<Object> keyCoder;
  private final Coder<Object> accumulatorCoder;
  private final StateCodec<BoundedWindow> windowCodec;
  private final PCollection<?> output;
  private final MetricsContainer metrics;
  private final SlotInbox inbox;
  private final Partition[] partitions;

  /** One key partition: its accumulators and its copy of the CombineFn. */
  private final class Partition {
    final AccumulatorTable table = newTable();
    final CombineFn<Object, Object, Object> fn = newFn();
    /** The earliest output timestamp of a pending slot (a watermark hold), or MAX. */
    long minPending = Timestamps.MAX;
  }

  /** Whether a Combine.perKey with this input and strategy can take this path. */
  static boolean applies(PCollection<?> input, WindowingStrategy s) {
    return input.isBounded() == PCollection.IsBounded.BOUNDED
        && !s.windowFn().isMerging()
        && s.trigger() instanceof DefaultTrigger;
  }

  @SuppressWarnings("unchecked")
  LiftedCombine(MicroBatchExecutor ex, CombinePerKeyStep step, int numPartitions) {
    this.ex = ex;
    this.step = step;
    this.keyCoder = ((KvCoder<Object, ?>) step.input().getCoder()).getKeyCoder();
    this.accumulatorCoder = (Coder<Object>) step.accumulatorCoder();
    this.windowCodec =
        (StateCodec<BoundedWindow>) step.input().getWindowingStrategy().windowFn().windowCodec();
    this.output = step.outputs().values().iterator().next();
    this.metrics = ex.metrics().forStep(step.name());
    this.inbox = new SlotInbox(numPartitions);
    this.partitions = new Partition[numPartitions];
    for (int i = 0; i < numPartitions; i++) {
      partitions[i] = new Partition();
    }
  }

  private AccumulatorTable newTable() {
    WindowingStrategy s = step.strategy();
    return new AccumulatorTable(s.timestampCombiner(), s.windowFn());
  }

  /** A copy of the CombineFn: user functions are never shared across threads. */
  @SuppressWarnings("unchecked")
  private CombineFn<Object, Object, Object> newFn() {
    return (CombineFn<Object, Object, Object>) ex.cloneFn(step.fn(), step.name());
  }

  @Override
  public Receiver inputReceiver(BatchTask task) {
    CombineFn<Object, Object, Object> fn = newFn();
    AccumulatorTable table = newTable();
    SlotInbox.Writer w = inbox.new Writer();
    Runnable flush = () -> {
      table.drain(s -> {
        s.accumulator = call(() -> fn.compact(s.accumulator), s.key);
        w.add(s);
      });
      w.flush();
    };
    task.onFinish(flush);
    MetricsEnvironment.Holder holder = MetricsEnvironment.holder();
    return v -> {
      KV<?, ?> kv = (KV<?, ?>) v.value();
      Object key = kv.getKey();
      Object sk = keyCoder.structuralValue(key);
      List<BoundedWindow> windows = v.windows();
      MetricsContainer prev = holder.container;
      holder.container = metrics;
      try {
        for (int i = 0, n = windows.size(); i < n; i++) {
          BoundedWindow window = windows.get(i);
          AccumulatorTable.Slot s =
              table.slot(sk, key, window, table.outputTime(window, v.timestamp()));
          if (s.fresh) {
            s.accumulator = fn.createAccumulator();
            s.fresh = false;
          }
          s.accumulator = fn.addInput(s.accumulator, kv.getValue());
        }
      } catch (RuntimeException e) {
        throw UserCodeException.forElement(step.name(), "the CombineFn", kv, e);
      } finally {
        holder.container = prev;
      }
      if (table.size() > MAX_TASK_SLOTS) {
        flush.run();
      }
    };
  }

  private <T> T call(Supplier<T> userCode, Object key) {
    MetricsEnvironment.Holder h = MetricsEnvironment.holder();
    MetricsContainer prev = h.container;
    h.container = metrics;
    try {
      return userCode.get();
    } catch (UserCodeException e) {
      throw e;
    } catch (RuntimeException e) {
      throw UserCodeException.forElement(step.name(), "the CombineFn", key, e);
    } finally {
      h.container = prev;
    }
  }

  @Override
  public List<Callable<Void>> fire(long inputWatermark, long processingTime) {
    boolean complete = inputWatermark >= Timestamps.MAX;
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int i = 0; i < partitions.length; i++) {
      int index = i;
      if (inbox.hasPending(i) || (complete && !partitions[i].table.isEmpty())) {
        tasks.add(() -> {
          run(index, complete);
          return null;
        });
      }
    }
    return tasks;
  }

  private void run(int index, boolean complete) {
    Partition p = partitions[index];
    for (AccumulatorTable.Slot partial : inbox.drain(index)) {
      AccumulatorTable.Slot s =
          p.table.slot(partial.structuralKey, partial.key, partial.window, partial.timestamp);
      if (s.fresh) {
        s.accumulator = partial.accumulator;
        s.fresh = false;
      } else {
        Object a = s.accumulator;
        s.accumulator =
            call(() -> p.fn.mergeAccumulators(List.of(a, partial.accumulator)), partial.key);
      }
      p.minPending = Math.min(p.minPending, s.timestamp);
    }
    if (!complete) {
      return;
    }
    BatchTask task = new BatchTask(ex);
    Receiver out = task.receiverFor(output);
    p.table.drain(s -> {
      Object result = call(() -> p.fn.extractOutput(s.accumulator), s.key);
      long ts = Math.min(s.timestamp, s.window.maxTimestampMillis());
      out.accept(WindowedValue.of(
          KV.of(s.key, result), ts, s.window, PaneInfo.ON_TIME_AND_ONLY_FIRING));
    });
    p.minPending = Timestamps.MAX;
    task.finish();
  }

  @Override
  public long outputWatermark(long inputWatermark) {
    long min = inputWatermark;
    for (Partition p : partitions) {
      min = Math.min(min, p.minPending);
    }
    return min;
  }

  @Override
  public boolean hasPending() {
    return !inbox.isEmpty();
  }

  // ---- checkpoints: per partition, every slot's key, window, timestamp and accumulator ----

  @Override
  public void snapshot(DataOutputStream out) throws IOException {
    out.writeInt(partitions.length);
    for (Partition p : partitions) {
      out.writeInt(p.table.size());
      IOException[] failure = new IOException[1];
      p.table.forEach(s -> {
        try {
          Snapshots.writeBytes(out, CoderUtils.encodeToByteArray(keyCoder, s.key));
          Snapshots.writeBytes(out, StateCodecs.toBytes(windowCodec, s.window));
          out.writeLong(s.timestamp);
          Snapshots.writeBytes(out, CoderUtils.encodeToByteArray(accumulatorCoder, s.accumulator));
        } catch (IOException e) {
          failure[0] = e;
        }
      });
      if (failure[0] != null) {
        throw failure[0];
      }
    }
  }

  @Override
  public void restore(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n != partitions.length) {
      throw new IOException("combine '" + step.name() + "' was checkpointed with " + n
          + " partitions, this run has " + partitions.length);
    }
    for (Partition p : partitions) {
      p.table.clear();
      p.minPending = Timestamps.MAX;
    }
    for (int i = 0; i < n; i++) {
      int slots = in.readInt();
      for (int k = 0; k < slots; k++) {
        Object key = CoderUtils.decodeFromByteArray(keyCoder, Snapshots.readBytes(in));
        BoundedWindow window = StateCodecs.fromBytes(windowCodec, Snapshots.readBytes(in));
        long timestamp = in.readLong();
        Object acc = CoderUtils.decodeFromByteArray(accumulatorCoder, Snapshots.readBytes(in));
        Object sk = keyCoder.structuralValue(key);
        Partition p = partitions[PartitionedInbox.partitionOf(sk, partitions.length)];
        AccumulatorTable.Slot s = p.table.slot(sk, key, window, timestamp);
        s.accumulator = acc;
        s.fresh = false;
        p.minPending = Math.min(p.minPending, timestamp);
      }
    }
  }
}
