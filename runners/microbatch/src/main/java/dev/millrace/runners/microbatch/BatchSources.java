package dev.millrace.runners.microbatch;

import dev.millrace.runners.core.ExecutableStep;
import dev.millrace.runners.core.ExecutableStep.ReadStep;
import dev.millrace.runners.core.ExecutableStep.TestStreamStep;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sources of a run and their positions. Bounded sources are split once (deterministically,
 * so a restart finds the same splits) and read in batches; their watermark jumps from the
 * beginning to the end of time when every split is exhausted. TestStreams are replayed after the
 * bounded sources, one scripted event per batch, with a virtual processing-time clock.
 */
final class BatchSources {
  private final MicroBatchExecutor ex;
  final Map<ReadStep, List<SplitCursor>> reads = new LinkedHashMap<>();
  final List<TestStreamStep> streams = new ArrayList<>();
  int[] nextEvent;
  int nextStream;
  boolean streamsClosed;
  private long rotation;
  /** The virtual processing time under a TestStream, else {@link Long#MIN_VALUE}. */
  long virtualClock = Long.MIN_VALUE;

  BatchSources(MicroBatchExecutor ex) {
    this.ex = ex;
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
    return boundedDone() && streamsClosed;
  }

  long processingTime() {
    return virtualClock == Long.MIN_VALUE ? System.currentTimeMillis() : virtualClock;
  }

  /** Reads this batch's input; returns the number of records read. */
  long readBatch(long startNanos, BatchRunner runner) throws Exception {
    if (!boundedDone()) {
      return readBounded(startNanos, runner);
    }
    if (!streamsClosed) {
      return replayOneEvent(runner);
    }
    return 0;
  }

  private long readBounded(long startNanos, BatchRunner runner) throws Exception {
    List<SplitCursor> active = new ArrayList<>();
    for (List<SplitCursor> cs : reads.values()) {
      cs.stream().filter(c -> !c.isDone()).forEach(active::add);
    }
    long[] quotas = quotas(active.size(), ex.options().getMaxBatchSize());
    long deadline = startNanos + ex.options().getBatchInterval().toNanos();
    AtomicLong total = new AtomicLong();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (Map.Entry<ReadStep, List<SplitCursor>> e : reads.entrySet()) {
      PCollection<?> out = e.getKey().outputs().values().iterator().next();
      for (SplitCursor c : e.getValue()) {
        int index = active.indexOf(c);
        if (index >= 0 && quotas[index] > 0) {
          long quota = quotas[index];
          tasks.add(() -> {
            BatchTask task = new BatchTask(ex);
            total.addAndGet(c.read(task.receiverFor(out), quota, deadline, ex.options()));
            task.finish();
            return null;
          });
        }
      }
    }
    runner.runAll(tasks);
    for (Map.Entry<ReadStep, List<SplitCursor>> e : reads.entrySet()) {
      if (e.getValue().stream().allMatch(SplitCursor::isDone)) {
        setWatermark(e.getKey(), Timestamps.MAX);
      }
    }
    return total.get();
  }

  /**
   * Shares {@code max} records (0: no limit) among the active splits so that the batch reads at
   * most {@code max} in total; the remainder goes to different splits from batch to batch.
   */
  private long[] quotas(int active, int max) {
    long[] q = new long[active];
    for (int i = 0; i < active; i++) {
      q[i] = max == 0 ? Long.MAX_VALUE : max / active;
    }
    if (max != 0) {
      int rest = max % active;
      for (int i = 0; i < rest; i++) {
        q[(int) ((rotation + i) % active)]++;
      }
      rotation += Math.max(1, rest);
    }
    return q;
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
    for (List<SplitCursor> cs : reads.values()) {
      cs.forEach(SplitCursor::closeQuietly);
    }
  }
}
