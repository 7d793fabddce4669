package dev.millrace.runners.microbatch;

import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderUtils;
import dev.millrace.coders.KvCoder;
import dev.millrace.internal.LongAccumulatingFn;
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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A lifted {@code Combine.perKey} over bounded input with the default trigger and non-merging
 * windows. Every task that delivers input borrows one of a few pre-combining tables (one per
 * concurrently running task, kept from batch to batch) and folds its elements into accumulators
 * per key and window there: no element crosses a thread or goes through the windowing core, and
 * each key costs one accumulator per table however many batches the input takes. Each table is
 * split into key partitions as it is filled ({@link PartitionedTable}). The tables are part of
 * the checkpoint. When the input watermark reaches the end of time, each key partition is merged
 * across the tables (into the table holding most of its slots; in parallel per partition, no
 * shuffle) and each key and window emits one pane, as the core would: ON_TIME, the only firing,
 * at the combined output timestamp (capped at the window's end).
 *
 * <p>A built-in CombineFn with a primitive form ({@link LongAccumulatingFn}, e.g. {@code
 * Count}'s) keeps its accumulators as {@code long}s in the slots: no boxed value per input, and
 * no old slot pointing at a young object for the garbage collector to track.
 *
 * <p>This is exact because a bounded collection's watermark on this runner stays at the
 * beginning of time until all its input is read and then jumps to the end of time: no element is
 * late, and the default trigger fires each window exactly once, when the input is complete.
 */
final class LiftedCombine implements Boundary {
  private final MicroBatchExecutor ex;
  private final CombinePerKeyStep step;
  private final Coder<Object> keyCoder;
  private final Coder<Object> accumulatorCoder;
  private final StateCodec<BoundedWindow> windowCodec;
  private final PCollection<?> output;
  private final MetricsContainer metrics;
  private final int numPartitions;
  /** The CombineFn's primitive form when it has one (its accumulators are then kept unboxed). */
  private final LongAccumulatingFn<Object, Object> longFn;
  /** Every table; the idle ones are also in {@link #idle}. */
  private final List<TaskTable> tables = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<TaskTable> idle = new ConcurrentLinkedQueue<>();

  /** A pre-combining table and its copy of the CombineFn, used by one task at a time. */
  private final class TaskTable {
    final PartitionedTable table = newTable();
    final CombineFn<Object, Object, Object> fn = newFn();
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
    this.numPartitions = numPartitions;
    this.longFn = step.fn() instanceof LongAccumulatingFn<?, ?> f
        ? (LongAccumulatingFn<Object, Object>) f : null;
  }

  private PartitionedTable newTable() {
    WindowingStrategy s = step.strategy();
    return new PartitionedTable(numPartitions, s.timestampCombiner(), s.windowFn());
  }

  /** A copy of the CombineFn: user functions are never shared across threads. */
  @SuppressWarnings("unchecked")
  private CombineFn<Object, Object, Object> newFn() {
    return (CombineFn<Object, Object, Object>) ex.cloneFn(step.fn(), step.name());
  }

  private TaskTable borrow() {
    TaskTable t = idle.poll();
    if (t == null) {
      t = new TaskTable();
      tables.add(t);
    }
    return t;
  }

  @Override
  public Receiver inputReceiver(BatchTask task) {
    TaskTable t = borrow();
    task.onFinish(() -> idle.add(t));
    return longFn != null ? longReceiver(t.table, newLongFn()) : boxedReceiver(t.table, t.fn);
  }

  /** A copy of the primitive form of the CombineFn (a built-in function: no metrics). */
  @SuppressWarnings("unchecked")
  private LongAccumulatingFn<Object, Object> newLongFn() {
    return (LongAccumulatingFn<Object, Object>) newFn();
  }

  /** Folds inputs into primitive accumulators: no boxing and no user code per element. */
  private Receiver longReceiver(PartitionedTable table, LongAccumulatingFn<Object, Object> fn) {
    ValueReceiver.Values add = (value, v) -> {
      KV<?, ?> kv = (KV<?, ?>) value;
      Object key = kv.getKey();
      Object sk = keyCoder.structuralValue(key);
      List<BoundedWindow> windows = v.windows();
      try {
        for (int i = 0, n = windows.size(); i < n; i++) {
          BoundedWindow window = windows.get(i);
          AccumulatorTable.Slot s =
              table.slot(sk, key, window, table.outputTime(window, v.timestamp()));
          if (s.fresh) {
            s.longAccumulator = fn.zero();
            s.fresh = false;
          }
          s.longAccumulator = fn.addInputLong(s.longAccumulator, kv.getValue());
        }
      } catch (RuntimeException e) {
        throw UserCodeException.forElement(step.name(), "the CombineFn", kv, e);
      }
    };
    return ValueReceiver.of(v -> add.accept(v.value(), v), add);
  }

  private Receiver boxedReceiver(PartitionedTable table, CombineFn<Object, Object, Object> fn) {
    MetricsEnvironment.Holder holder = MetricsEnvironment.holder();
    ValueReceiver.Values add = (value, v) -> {
      KV<?, ?> kv = (KV<?, ?>) value;
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
    };
    return ValueReceiver.of(v -> add.accept(v.value(), v), add);
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
  public List<Callable<Void>> fire(long inputWatermark, long processingTime) throws Exception {
    if (inputWatermark < Timestamps.MAX || tables.stream().allMatch(t -> t.table.isEmpty())) {
      return List.of();
    }
    List<Callable<Void>> emit = new ArrayList<>();
    for (int i = 0; i < numPartitions; i++) {
      int p = i;
      if (tables.stream().anyMatch(t -> !t.table.partition(p).isEmpty())) {
        emit.add(() -> {
          emit(p);
          return null;
        });
      }
    }
    return emit;
  }

  /**
   * Merges one key partition of every task's table into the largest of them and emits a pane per
   * key and window from it; every table's partition is empty afterwards.
   */
  private void emit(int partition) {
    CombineFn<Object, Object, Object> fn = newFn();
    @SuppressWarnings("unchecked")
    LongAccumulatingFn<Object, Object> lf =
        longFn == null ? null : (LongAccumulatingFn<Object, Object>) (Object) fn;
    AccumulatorTable merged = null;
    for (TaskTable t : tables) {
      AccumulatorTable part = t.table.partition(partition);
      if (lf == null) {
        part.forEach(s -> s.accumulator = call(() -> fn.compact(s.accumulator), s.key));
      }
      if (merged == null || part.size() > merged.size()) {
        merged = part;
      }
    }
    for (TaskTable t : tables) {
      AccumulatorTable part = t.table.partition(partition);
      if (part != merged) {
        mergeInto(merged, part, fn, lf);
      }
    }
    BatchTask task = new BatchTask(ex);
    Receiver out = task.receiverFor(output);
    merged.drain(s -> {
      Object result = lf != null
          ? lf.extractLong(s.longAccumulator)
          : call(() -> fn.extractOutput(s.accumulator), s.key);
      long ts = Math.min(s.timestamp, s.window.maxTimestampMillis());
      out.accept(WindowedValue.of(
          KV.of(s.key, result), ts, s.windows, PaneInfo.ON_TIME_AND_ONLY_FIRING));
    });
    task.finish();
  }

  /** Moves (merging) every slot of {@code from} into {@code into} and empties {@code from}. */
  private void mergeInto(AccumulatorTable into, AccumulatorTable from,
      CombineFn<Object, Object, Object> fn, LongAccumulatingFn<Object, Object> lf) {
    from.drain(partial -> {
      AccumulatorTable.Slot s = into.absorb(partial);
      if (s == null) {
        return;
      }
      if (lf != null) {
        s.longAccumulator = lf.mergeLongs(s.longAccumulator, partial.longAccumulator);
      } else {
        Object a = s.accumulator;
        s.accumulator =
            call(() -> fn.mergeAccumulators(List.of(a, partial.accumulator)), partial.key);
      }
    });
  }

  /** The input watermark, held at the earliest output timestamp of any pending pane. */
  @Override
  public long outputWatermark(long inputWatermark) {
    long min = inputWatermark;
    for (TaskTable t : tables) {
      min = Math.min(min, t.table.minTimestamp());
    }
    return min;
  }

  @Override
  public boolean hasPending() {
    return false;
  }

  // ---- checkpoints: every table's slots (key, window, timestamp, accumulator) ----

  @Override
  public void snapshot(DataOutputStream out) throws IOException {
    int size = 0;
    for (TaskTable t : tables) {
      size += t.table.size();
    }
    out.writeInt(size);
    IOException[] failure = new IOException[1];
    for (TaskTable t : tables) {
      t.table.forEach(s -> {
        try {
          Snapshots.writeBytes(out, CoderUtils.encodeToByteArray(keyCoder, s.key));
          Snapshots.writeBytes(out, StateCodecs.toBytes(windowCodec, s.window));
          out.writeLong(s.timestamp);
          Object acc = longFn != null ? (Object) s.longAccumulator : s.accumulator;
          Snapshots.writeBytes(out, CoderUtils.encodeToByteArray(accumulatorCoder, acc));
        } catch (IOException e) {
          failure[0] = e;
        }
      });
      if (failure[0] != null) {
        throw failure[0];
      }
    }
  }

  /** Restores every slot into one table (merging slots of one key and window). */
  @Override
  public void restore(DataInputStream in) throws IOException {
    tables.clear();
    idle.clear();
    TaskTable t = borrow();
    int size = in.readInt();
    for (int i = 0; i < size; i++) {
      Object key = CoderUtils.decodeFromByteArray(keyCoder, Snapshots.readBytes(in));
      BoundedWindow window = StateCodecs.fromBytes(windowCodec, Snapshots.readBytes(in));
      long timestamp = in.readLong();
      Object acc = CoderUtils.decodeFromByteArray(accumulatorCoder, Snapshots.readBytes(in));
      AccumulatorTable.Slot restored = new AccumulatorTable.Slot(
          keyCoder.structuralValue(key), key, List.of(window), timestamp);
      restored.fresh = false;
      if (longFn != null) {
        restored.longAccumulator = (Long) acc;
      } else {
        restored.accumulator = acc;
      }
      AccumulatorTable.Slot s = t.table.absorb(restored);
      if (s != null && longFn != null) {
        s.longAccumulator = longFn.mergeLongs(s.longAccumulator, restored.longAccumulator);
      } else if (s != null) {
        s.accumulator = call(() -> t.fn.mergeAccumulators(List.of(s.accumulator, acc)), key);
      }
    }
    idle.add(t);
  }
}
