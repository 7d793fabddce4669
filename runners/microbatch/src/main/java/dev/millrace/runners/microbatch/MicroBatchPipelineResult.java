package dev.millrace.runners.microbatch;

import dev.millrace.runners.core.execution.InProcessPipelineResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The handle of a pipeline running on the micro-batch runner: the usual state, waiting,
 * cancelling and metrics, plus the metrics of every batch ({@link #batches()}). The runner also
 * publishes its batch statistics as metrics of the step {@value #RUNNER_STEP}: counters
 * {@code batches}, {@code recordsIn}, {@code recordsOut}, the distribution
 * {@code batchDurationMillis}, and gauges {@code watermarkMillis} and {@code watermarkLagMillis}.
 */
public final class MicroBatchPipelineResult extends InProcessPipelineResult {
  /** The step name under which the runner reports its own metrics. */
  public static final String RUNNER_STEP = "MicroBatchRunner";

  private final List<BatchMetrics> batches = new ArrayList<>();

  MicroBatchPipelineResult() {}

  void start(MicroBatchExecutor ex) {
    start(ex, "millrace-microbatch-main");
  }

  synchronized void addBatch(BatchMetrics m) {
    batches.add(m);
  }

  /** The metrics of every batch this process ran so far, in order. */
  public synchronized List<BatchMetrics> batches() {
    return List.copyOf(batches);
  }
}
