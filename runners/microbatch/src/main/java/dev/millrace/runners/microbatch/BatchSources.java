package dev.millrace.runners.microbatch;

import dev.millrace.runners.core.ExecutableStep;
import dev.millrace.runners.core.ExecutableStep.ReadStep;
import dev.millrace.runners.core.ExecutableStep.TestStreamStep;
import dev.millrace.runners.core.ExecutableStep.UnboundedReadStep;
import dev.millrace.runners.core.UserCodeException;
import dev.millrace.sources.BoundedSource;
import dev.millrace.testing.TestStream;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowedValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sources of a run and their positions. Bounded sources are split once (deterministically,
 * so a restart finds the same splits) and read in batches; their watermark jumps from the
 * beginning to the end of time when every split is exhausted. TestStreams are replayed after the
 * bounded sources, one scripted event per batch, with a virtual processing-time clock. Unbounded
 * sources ({@link UnboundedReads}) are read in every batch until their watermarks reach the end of
 * time, sharing the batch's record budget and interval with the bounded sources.
 */
final class BatchSources {
  private final MicroBatchExecutor ex;
  final Map<ReadStep, List<SplitCursor>> reads = new LinkedHashMap<>();
  final List<TestStreamStep> streams = new ArrayList<>();
  final UnboundedReads unbounded;
  int[] nextEvent;
  int nextStream;
  boolean streamsClosed;
  /** How many records a worker claims from the batch's budget at a time. */
  private static final long READ_CHUNK = 1 << 14;
  /** The virtual processing time under a TestStream, else {@link Long#MIN_VALUE}. */
  long virtualClock = Long.MIN_VALUE;

  BatchSources(MicroBatchExecutor ex) {
    this.ex = ex;
    this.unbounded = new UnboundedReads(ex);
  }

  void open() {
    for (ExecutableStep s : ex.graph().steps()) {
      if (s instanceof ReadStep r) {
        List<SplitCursor> cursors = new ArrayList<>();
        for (BoundedSource<?> split : split(r)) {
          cursors.add(new SplitCursor(r.name(), split));
        }
        reads.put(r, cursors);
        setWatermark(r, Timestamps.MIN);
      } else if (s instanceof UnboundedReadStep u) {
        unbounded.add(u);
        setWatermark(u, Timestamps.MIN);
      } else if (s instanceof TestStreamStep t) {
        streams.add(t);
        setWatermark(t, Timestamps.MIN);
      }
    }
    nextEvent = new int[streams.size()];
    streamsClosed = streams.isEmpty();
    if (!streams.isEmpty()) {
      virtualClock = streams.get(0).stream().getStartProcessingTime();
    }
  }

  private void setWatermark(ExecutableStep s, long wm) {
    for (PCollection<?> pc : s.outputs().values()) {
      ex.watermarks.put(pc, wm);
    }
  }

  private List<? extends BoundedSource<?>> split(ReadStep r) {
    BoundedSource<?> source = r.source();
    try {
      long size = source.getEstimatedSizeBytes(ex.options());
      long desired = Math.max(64 * 1024, size / (ex.parallelism() * 4L));
      if (size < 64 * 1024) {
        desired = Math.max(1, size / (ex.parallelism() * 2L));
      }
      List<? extends BoundedSource<?>> splits = source.split(desired, ex.options());
      return splits.isEmpty() ? List.of(source) : splits;
    } catch (Exception e) {
      throw UserCodeException.forStep(r.name(), "splitting the source " + source, e);
    }
  }

  boolean boundedDone() {
    for (List<SplitCursor> cs : reads.values()) {
      for (SplitCursor c : cs) {
        if (!c.isDone()) {
          return false;
        }
      }
    }
    return true;
  }

  boolean allDone() {
    return boundedDone() && streamsClosed && unbounded.allDone();
  }

  long processingTime() {
    return virtualClock == Long.MIN_VALUE ? System.currentTimeMillis() : virtualClock;
  }

  /** Reads this batch's input; returns the number of records read. */
  long readBatch(long startNanos, BatchRunner runner) throws Exception {
    int max = ex.options().getMaxBatchSize();
    AtomicLong budget = new AtomicLong(max == 0 ? Long.MAX_VALUE : max);
    long deadline = startNanos + ex.options().getBatchInterval().toNanos();
    long read = 0;
    if (!boundedDone()) {
      read += readBounded(budget, deadline, runner);
    } else if (!streamsClosed) {
      read += replayOneEvent(runner);
    }
    if (!unbounded.isEmpty()) {
      read += unbounded.readBatch(deadline, budget, runner);
      unbounded.endBatch().forEach(this::setWatermark);
    }
    return read;
  }

  /**
   * Finalizes the unbounded sources' checkpoint marks of the batch just committed (or, without
   * {@code --checkpointDir}, just processed).
   */
  void finalizeMarks() {
    unbounded.finalizeMarks();
  }

  /** A split still to read, with the collection it feeds. */
  private record Active(SplitCursor cursor, PCollection<?> output) {}

  /**
   * Reads up to {@code --maxBatchSize} records (shared among the splits) until
   * {@code --batchInterval} has passed, with one worker per thread: each worker takes the next
   * unfinished split, reads it until the split ends, the batch's budget is spent or the interval
   * is over, then takes another, so every thread stays busy until the input runs out. Each worker
   * is one task (one bundle, one pre-combining table) however many splits it reads.
   */
  private long readBounded(AtomicLong budget, long deadline, BatchRunner runner)
      throws Exception {
    ConcurrentLinkedQueue<Active> queue = new ConcurrentLinkedQueue<>();
    for (Map.Entry<ReadStep, List<SplitCursor>> e : reads.entrySet()) {
      PCollection<?> out = e.getKey().outputs().values().iterator().next();
      for (SplitCursor c : e.getValue()) {
        if (!c.isDone()) {
          queue.add(new Active(c, out));
        }
      }
    }
    AtomicLong total = new AtomicLong();
    int workers = Math.min(ex.parallelism(), queue.size());
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      tasks.add(() -> {
        BatchTask task = new BatchTask(ex);
        total.addAndGet(readSplits(task, queue, budget, deadline));
        task.finish();
        return null;
      });
    }
    runner.runAll(tasks);
    for (Map.Entry<ReadStep, List<SplitCursor>> e : reads.entrySet()) {
      if (e.getValue().stream().allMatch(SplitCursor::isDone)) {
        setWatermark(e.getKey(), Timestamps.MAX);
      }
    }
    return total.get();
  }

  /** One worker's share of a batch's reading; returns the number of records read. */
  private long readSplits(
      BatchTask task, ConcurrentLinkedQueue<Active> queue, AtomicLong budget, long deadline) {
    long read = 0;
    Active a = queue.poll();
    while (a != null) {
      long claim = claim(budget);
      if (claim == 0) {
        break;
      }
      long n = a.cursor().read(task.receiverFor(a.output()), claim, deadline, ex.options());
      read += n;
      if (n < claim) {
        budget.addAndGet(claim - n);
      }
      if (a.cursor().isDone()) {
        a = queue.poll();
      } else if (System.nanoTime() > deadline) {
        break;
      }
    }
    return read;
  }

  /** Takes up to a chunk of records from the batch's budget; 0 when it is spent. */
  private static long claim(AtomicLong budget) {
    return claim(budget, READ_CHUNK);
  }

  /** Takes up to {@code maxChunk} records from the batch's budget; 0 when it is spent. */
  static long claim(AtomicLong budget, long maxChunk) {
    while (true) {
      long left = budget.get();
      if (left <= 0) {
        return 0;
      }
      long chunk = Math.min(left, maxChunk);
      if (budget.compareAndSet(left, left - chunk)) {
        return chunk;
      }
    }
  }

  /** Replays the next event of the next TestStream (round robin), or closes the streams. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private long replayOneEvent(BatchRunner runner) {
    for (int tried = 0; tried < streams.size(); tried++) {
      int i = nextStream;
      nextStream = (nextStream + 1) % streams.size();
      TestStreamStep step = streams.get(i);
      TestStream stream = step.stream();
      List<TestStream.Event<?>> events = stream.getEvents();
      if (nextEvent[i] >= events.size()) {
        continue;
      }
      TestStream.Event<?> event = events.get(nextEvent[i]++);
      if (event instanceof TestStream.ElementEvent e) {
        List<?> values = stream.decode(e);
        long[] ts = e.timestamps();
        BatchTask task = new BatchTask(ex);
        Receiver r = task.receiverFor(step.outputs().values().iterator().next());
        for (int j = 0; j < values.size(); j++) {
          r.accept(WindowedValue.timestampedValueInGlobalWindow(values.get(j), ts[j]));
        }
        task.finish();
        return values.size();
      } else if (event instanceof TestStream.WatermarkEvent w) {
        setWatermark(step, w.watermark());
      } else if (event instanceof TestStream.ProcessingTimeEvent pt) {
        virtualClock += pt.advanceMillis();
      }
      return 0;
    }
    for (TestStreamStep s : streams) {
      setWatermark(s, Timestamps.MAX);
    }
    streamsClosed = true;
    return 0;
  }

  void close() {
    unbounded.close();
    for (List<SplitCursor> cs : reads.values()) {
      cs.forEach(SplitCursor::closeQuietly);
    }
  }
}
