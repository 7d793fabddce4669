package dev.millrace.runners.flink.internal;

import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderUtils;
import dev.millrace.options.PipelineOptions;
import dev.millrace.runners.core.UserCodeException;
import dev.millrace.sources.UnboundedReader;
import dev.millrace.sources.UnboundedSource;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowedValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.source.legacy.RichParallelSourceFunction;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * Reads the splits of an {@link UnboundedSource}: split {@code i} is read by parallel instance
 * {@code i % parallelism}. Elements are in the global window at the reader's timestamps; the
 * minimum watermark of the instance's readers becomes its Flink watermark. The readers'
 * checkpoint marks are stored in Flink checkpoints (union list state, so a restore with another
 * parallelism finds every mark) and finalized once the checkpoint completes. The instance ends
 * when every reader's watermark reached the end of time; an instance without splits ends at once
 * (so its end-of-time watermark holds nobody back).
 *
 * <p>Idleness: a reader that returned no element and whose watermark did not advance for 500 ms
 * is idle, and the instance's watermark is the minimum of its other readers' (so an empty split
 * does not stall the splits read with it). When all of an instance's readers are idle, the
 * instance marks itself temporarily idle, and Flink computes the downstream watermark without it
 * (so an instance with only empty splits does not stall event time). The next element or
 * watermark advance makes a reader or instance active again; elements it then emits behind the
 * watermark are late, as with idle sources in Flink.
 */
public final class UnboundedSourceFunction extends RichParallelSourceFunction<WindowedValue<Object>>
    implements CheckpointedFunction, CheckpointListener {
  private static final long serialVersionUID = 1L;
  private static final int BATCH = 256;
  /** An instance that read nothing and whose watermark did not advance for this long is idle. */
  private static final long IDLE_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final String stepName;
  private final List<UnboundedSource<Object, UnboundedSource.CheckpointMark>> splits;
  private final PipelineOptions options;
  private transient volatile boolean running;
  private transient volatile boolean failed;
  private transient ListState<byte[]> marksState;
  private transient Map<Integer, byte[]> restored;
  private transient Map<Integer, UnboundedReader<Object>> readers;
  private transient TreeMap<Long, List<UnboundedSource.CheckpointMark>> pendingMarks;

  @SuppressWarnings({"unchecked", "rawtypes"})
  public UnboundedSourceFunction(
      String stepName, List<? extends UnboundedSource<?, ?>> splits, PipelineOptions options) {
    this.stepName = stepName;
    this.splits = (List) List.copyOf(splits);
    this.options = options;
  }

  @Override
  public void initializeState(FunctionInitializationContext context) throws Exception {
    marksState = context.getOperatorStateStore().getUnionListState(
        new ListStateDescriptor<>("millrace-checkpoint-marks", BytePrimitiveArraySerializer.INSTANCE));
    restored = new HashMap<>();
    pendingMarks = new TreeMap<>();
    if (context.isRestored()) {
      for (byte[] entry : marksState.get()) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry));
        int index = in.readInt();
        restored.put(index, in.readAllBytes());
      }
    }
  }

  @Override
  public void run(SourceContext<WindowedValue<Object>> ctx) throws Exception {
    running = true;
    int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
    int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    Map<Integer, UnboundedReader<Object>> open = new HashMap<>();
    for (int i = subtask; i < splits.size(); i += parallelism) {
      open.put(i, createReader(i));
    }
    synchronized (ctx.getCheckpointLock()) {
      readers = open;
    }
    ReadLoop loop = new ReadLoop(ctx);
    while (running) {
      boolean any;
      synchronized (ctx.getCheckpointLock()) {
        try {
          any = loop.readBatch();
        } catch (RuntimeException | Error e) {
          // Set before the lock is released: a checkpoint taken between this failure and the
          // task's end would store reader positions past an element that was never processed.
          failed = true;
          throw e;
        }
      }
      if (loop.watermark >= Timestamps.MAX) {
        return;
      }
      if (!any) {
        Thread.sleep(5);
      }
    }
  }

  /** One instance's reading: a batch per reader, then the watermark and idleness. */
  private final class ReadLoop {
    private final SourceContext<WindowedValue<Object>> ctx;
    private final Map<Integer, Boolean> started = new HashMap<>();
    /** Per reader: its last watermark, and when it last returned an element or advanced it. */
    private final Map<Integer, Long> readerWatermarks = new HashMap<>();
    private final Map<Integer, Long> readerProgress = new HashMap<>();
    private long emitted = Long.MIN_VALUE;
    private long lastProgress = System.nanoTime();
    private boolean idle;
    long watermark = Timestamps.MIN;

    ReadLoop(SourceContext<WindowedValue<Object>> ctx) {
      this.ctx = ctx;
    }

    /** Reads up to a batch from every reader (under the checkpoint lock); true if any element. */
    boolean readBatch() {
      boolean any = false;
      long wm = Timestamps.MAX; // of every reader: the instance ends when it reaches the end
      long activeWm = Timestamps.MAX; // of the readers that are not idle: what is emitted
      boolean anyActive = false;
      long now = System.nanoTime();
      for (Map.Entry<Integer, UnboundedReader<Object>> e : readers.entrySet()) {
        UnboundedReader<Object> r = e.getValue();
        boolean readerAny = false;
        for (int n = 0; n < BATCH; n++) {
          boolean available = read(() -> started.put(e.getKey(), true) == null
              ? r.start() : r.advance());
          if (!available) {
            break;
          }
          any = true;
          readerAny = true;
          ctx.collect(WindowedValue.timestampedValueInGlobalWindow(
              r.getCurrent(), r.getCurrentTimestampMillis()));
        }
        long readerWm = read(r::getWatermarkMillis);
        wm = Math.min(wm, readerWm);
        Long before = readerWatermarks.put(e.getKey(), readerWm);
        if (readerAny || before == null || readerWm > before) {
          readerProgress.put(e.getKey(), now);
        }
        if (now - readerProgress.get(e.getKey()) < IDLE_AFTER_NANOS) {
          anyActive = true;
          activeWm = Math.min(activeWm, readerWm);
        }
      }
      watermark = wm;
      // A reader without elements whose watermark stood still for a while (an empty split) does
      // not hold back the others; with every reader idle, nothing advances (see below).
      long emit = anyActive ? activeWm : wm;
      long flink = Watermarks.toFlink(emit);
      boolean advanced = flink > emitted && emit > Timestamps.MIN;
      if (advanced) {
        emitted = flink;
        ctx.emitWatermark(new Watermark(flink));
      }
      // Emitting an element or a watermark makes an idle source context active again.
      if (any || advanced) {
        lastProgress = System.nanoTime();
        idle = false;
      } else if (!idle && System.nanoTime() - lastProgress >= IDLE_AFTER_NANOS) {
        ctx.markAsTemporarilyIdle();
        idle = true;
      }
      return any;
    }
  }

  private UnboundedReader<Object> createReader(int index) {
    UnboundedSource<Object, UnboundedSource.CheckpointMark> split = splits.get(index);
    return read(() -> {
      byte[] mark = restored.get(index);
      UnboundedSource.CheckpointMark m = mark == null
          ? null : CoderUtils.decodeFromByteArray(split.getCheckpointMarkCoder(), mark);
      return split.createReader(options, m);
    });
  }

  /** Reader code that may throw. */
  private interface ReaderCall<T> {
    T call() throws Exception;
  }

  private <T> T read(ReaderCall<T> c) {
    try {
      return c.call();
    } catch (UserCodeException e) {
      throw e;
    } catch (Exception e) {
      throw UserCodeException.forStep(stepName, "reading the unbounded source", e);
    }
  }

  @Override
  public void snapshotState(FunctionSnapshotContext context) throws Exception {
    if (failed) {
      throw new IllegalStateException("The unbounded source of step '" + stepName + "' failed; "
          + "declining checkpoint " + context.getCheckpointId() + " (the job restarts from an "
          + "earlier one)");
    }
    marksState.clear();
    if (readers == null) {
      // Not running yet: keep the marks we were restored with.
      for (Map.Entry<Integer, byte[]> e : restored.entrySet()) {
        marksState.add(entry(e.getKey(), e.getValue()));
      }
      return;
    }
    List<UnboundedSource.CheckpointMark> marks = new ArrayList<>();
    for (Map.Entry<Integer, UnboundedReader<Object>> e : readers.entrySet()) {
      UnboundedSource.CheckpointMark mark = e.getValue().getCheckpointMark();
      Coder<UnboundedSource.CheckpointMark> coder = splits.get(e.getKey()).getCheckpointMarkCoder();
      marksState.add(entry(e.getKey(), CoderUtils.encodeToByteArray(coder, mark)));
      marks.add(mark);
    }
    pendingMarks.put(context.getCheckpointId(), marks);
  }

  private static byte[] entry(int index, byte[] mark) throws java.io.IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(index);
    out.write(mark);
    out.flush();
    return bytes.toByteArray();
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) throws Exception {
    Map<Long, List<UnboundedSource.CheckpointMark>> done = pendingMarks.headMap(checkpointId, true);
    for (List<UnboundedSource.CheckpointMark> marks : done.values()) {
      for (UnboundedSource.CheckpointMark m : marks) {
        m.finalizeCheckpoint();
      }
    }
    done.clear();
  }

  @Override
  public void cancel() {
    running = false;
  }

  @Override
  public void close() throws Exception {
    if (readers != null) {
      for (UnboundedReader<Object> r : readers.values()) {
        r.close();
      }
    }
    super.close();
  }
}
