package dev.millrace.runners.microbatch;

import dev.millrace.runners.core.ExecutableStep;
import dev.millrace.runners.core.ExecutableStep.ReadStep;
import dev.millrace.runners.core.ExecutableStep.TestStreamStep;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.Timestamps;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The batch boundary: one topological pass in which every step's input watermark is computed
 * from its inputs' and every boundary processes its buffered input and fires what the new
 * watermark and the batch's processing time allow, in parallel tasks. Also runs any set of tasks
 * on the runner's pool and reports the first failure.
 */
final class BatchRunner {
  private final MicroBatchExecutor ex;
  private ExecutorService pool;
  private int idleBatches;
  private long lastWatermarkSum;

  BatchRunner(MicroBatchExecutor ex) {
    this.ex = ex;
  }

  void setPool(ExecutorService pool) {
    this.pool = pool;
  }

  void propagate(long processingTime) throws Exception {
    for (ExecutableStep s : ex.graph().steps()) {
      if (s instanceof ReadStep || s instanceof TestStreamStep
          || s instanceof ExecutableStep.UnboundedReadStep) {
        continue;
      }
      long in = Timestamps.MAX;
      for (PCollection<?> pc : s.inputs()) {
        in = Math.min(in, ex.watermarks.getOrDefault(pc, Timestamps.MIN));
      }
      Boundary b = ex.boundary(s);
      long out = in;
      if (b != null) {
        runAll(b.fire(in, processingTime));
        out = b.outputWatermark(in);
      }
      for (PCollection<?> pc : s.outputs().values()) {
        ex.watermarks.put(pc, out);
      }
    }
  }

  void runAll(List<Callable<Void>> tasks) throws Exception {
    if (tasks.isEmpty()) {
      return;
    }
    if (tasks.size() == 1) {
      tasks.get(0).call();
      return;
    }
    List<Future<Void>> futures = new ArrayList<>();
    for (Callable<Void> t : tasks) {
      futures.add(pool.submit(t));
    }
    Throwable first = null;
    for (Future<Void> f : futures) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (first == null) {
          first = e.getCause();
        }
      }
    }
    if (first instanceof Exception e) {
      throw e;
    }
    if (first instanceof Error e) {
      throw e;
    }
  }

  /** Whether every collection's watermark is at the end of time and nothing is buffered. */
  boolean allAtEndOfTime() {
    for (ExecutableStep s : ex.graph().steps()) {
      Boundary b = ex.boundary(s);
      if (b != null && b.hasPending()) {
        return false;
      }
      for (PCollection<?> pc : s.outputs().values()) {
        if (ex.watermarks.getOrDefault(pc, Timestamps.MIN) < Timestamps.MAX) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * After all input is read: whether several batches in a row moved no watermark (then the run
   * stops rather than loop forever).
   */
  boolean idleAfterEnd() {
    long sum = 0;
    for (long w : ex.watermarks.values()) {
      sum += w >> 8;
    }
    idleBatches = sum == lastWatermarkSum ? idleBatches + 1 : 0;
    lastWatermarkSum = sum;
    return idleBatches >= 3;
  }

  /** The minimum watermark over every collection. */
  long pipelineWatermark() {
    long min = Timestamps.MAX;
    for (ExecutableStep s : ex.graph().steps()) {
      for (PCollection<?> pc : s.outputs().values()) {
        min = Math.min(min, ex.watermarks.getOrDefault(pc, Timestamps.MIN));
      }
    }
    return min;
  }

  String describeWatermarks() {
    StringJoiner j = new StringJoiner(", ");
    for (ExecutableStep s : ex.graph().steps()) {
      for (PCollection<?> pc : s.outputs().values()) {
        long w = ex.watermarks.getOrDefault(pc, Timestamps.MIN);
        if (w < Timestamps.MAX) {
          j.add(pc.getName() + "=" + Timestamps.format(w));
        }
      }
    }
    return j.toString();
  }
}
