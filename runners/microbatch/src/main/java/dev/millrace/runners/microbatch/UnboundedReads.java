package dev.millrace.runners.microbatch;

import dev.millrace.runners.core.ExecutableStep.UnboundedReadStep;
import dev.millrace.runners.core.UserCodeException;
import dev.millrace.sources.UnboundedSource;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.Timestamps;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The unbounded sources of a run. Each source is split once at startup (into about one split per
 * thread; splitting is deterministic, so a restart finds the same splits). A batch polls every
 * unfinished split, one reading task per thread, each task taking the splits assigned to it in
 * turn, until {@code --maxBatchSize} records (shared by all sources) were read, the
 * {@code --batchInterval} is over, the run is cancelled or every split has finished; a split with
 * nothing available is polled again after a short pause, so a batch spans its interval as in
 * Spark Streaming. After the reading, each source's watermark is the minimum of its splits'
 * reader watermarks (asked of every split every batch, so an idle split advances as its source
 * says), the readers' checkpoint marks are taken for the batch's checkpoint, and after the
 * checkpoint has committed the marks are finalized. A source is finished when every split's
 * watermark has reached the end of time.
 */
final class UnboundedReads {
  private static final long IDLE_PAUSE_MILLIS = 2;
  private static final long READ_CHUNK = 1 << 14;
  private final MicroBatchExecutor ex;
  final Map<UnboundedReadStep, List<UnboundedCursor>> reads = new LinkedHashMap<>();

  UnboundedReads(MicroBatchExecutor ex) {
    this.ex = ex;
  }

  /** Splits the source of a step into its cursors (once, at startup). */
  void add(UnboundedReadStep step) {
    List<UnboundedCursor> cursors = new ArrayList<>();
    try {
      List<? extends UnboundedSource<?, ?>> splits =
          step.source().split(ex.parallelism(), ex.options());
      for (UnboundedSource<?, ?> s : splits.isEmpty() ? List.of(step.source()) : splits) {
        cursors.add(new UnboundedCursor(step.name(), s));
      }
    } catch (UserCodeException e) {
      throw e;
    } catch (Exception e) {
      throw UserCodeException.forStep(step.name(), "splitting the source " + step.source(), e);
    }
    reads.put(step, cursors);
  }

  boolean isEmpty() {
    return reads.isEmpty();
  }

  boolean allDone() {
    return reads.values().stream().allMatch(cs -> cs.stream().allMatch(UnboundedCursor::isDone));
  }

  /**
   * Reads one batch from every unfinished split, with a budget of records shared with other
   * sources; returns the number read. Call {@link #endBatch} afterwards.
   */
  long readBatch(long deadlineNanos, AtomicLong budget, BatchRunner runner) throws Exception {
    List<Active> active = new ArrayList<>();
    for (Map.Entry<UnboundedReadStep, List<UnboundedCursor>> e : reads.entrySet()) {
      PCollection<?> out = e.getKey().outputs().values().iterator().next();
      for (UnboundedCursor c : e.getValue()) {
        if (!c.isDone()) {
          active.add(new Active(c, out));
        }
      }
    }
    if (active.isEmpty()) {
      return 0;
    }
    // Every split gets a fair share of each claim, and the order rotates from batch to batch, so
    // a small --maxBatchSize cannot starve a split (whose watermark would then hold back all).
    Collections.rotate(active, (int) (ex.batchId % active.size()));
    long share = Math.max(1, Math.min(READ_CHUNK, budget.get() / active.size()));
    int workers = Math.min(ex.parallelism(), active.size());
    AtomicLong total = new AtomicLong();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int w = 0; w < workers; w++) {
      List<Active> mine = new ArrayList<>();
      for (int i = w; i < active.size(); i += workers) {
        mine.add(active.get(i));
      }
      tasks.add(() -> {
        BatchTask task = new BatchTask(ex);
        total.addAndGet(poll(task, mine, budget, share, deadlineNanos));
        task.finish();
        return null;
      });
    }
    runner.runAll(tasks);
    return total.get();
  }

  /** A split being read in this batch, with the collection it feeds. */
  private record Active(UnboundedCursor cursor, PCollection<?> output) {}

  /** One task's polling of its splits until the batch's reading ends. */
  private long poll(BatchTask task, List<Active> mine, AtomicLong budget, long share,
      long deadlineNanos) throws InterruptedException {
    long read = 0;
    while (!ex.isCancelled()) {
      long round = 0;
      boolean allDone = true;
      for (Active a : mine) {
        long claim = BatchSources.claim(budget, share);
        if (claim == 0) {
          return read;
        }
        long n = a.cursor().read(task.receiverFor(a.output()), claim, deadlineNanos, ex.options());
        if (n < claim) {
          budget.addAndGet(claim - n);
        }
        round += n;
        read += n;
        allDone &= a.cursor().isDone();
      }
      if (allDone || System.nanoTime() >= deadlineNanos) {
        return read;
      }
      if (round == 0) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        Thread.sleep(Math.max(0, Math.min(IDLE_PAUSE_MILLIS, left)));
      }
    }
    return read;
  }

  /**
   * Ends the batch's reading: asks every split for its watermark, takes the checkpoint marks,
   * and returns each source's watermark (the minimum over its splits).
   */
  Map<UnboundedReadStep, Long> endBatch() {
    Map<UnboundedReadStep, Long> out = new LinkedHashMap<>();
    for (Map.Entry<UnboundedReadStep, List<UnboundedCursor>> e : reads.entrySet()) {
      long min = Timestamps.MAX;
      for (UnboundedCursor c : e.getValue()) {
        c.refreshWatermark();
        c.takeMark();
        min = Math.min(min, c.watermark());
      }
      out.put(e.getKey(), min);
    }
    return out;
  }

  /** Finalizes the marks of the batch just committed (or just processed, without checkpoints). */
  void finalizeMarks() {
    reads.values().forEach(cs -> cs.forEach(UnboundedCursor::finalizeMark));
  }

  /** The fingerprint of the splits, for the checkpoint's plan check. */
  int splitCount(UnboundedReadStep step) {
    List<UnboundedCursor> cs = reads.get(step);
    return cs == null ? 0 : cs.size();
  }

  void snapshot(DataOutputStream out) throws IOException {
    for (List<UnboundedCursor> cs : reads.values()) {
      for (UnboundedCursor c : cs) {
        c.snapshot(out);
      }
    }
  }

  void restore(DataInputStream in) throws IOException {
    for (List<UnboundedCursor> cs : reads.values()) {
      for (UnboundedCursor c : cs) {
        c.restore(in);
      }
    }
  }

  void close() {
    reads.values().forEach(cs -> cs.forEach(UnboundedCursor::closeQuietly));
  }
}
