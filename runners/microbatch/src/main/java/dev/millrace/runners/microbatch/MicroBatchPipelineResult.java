package dev.millrace.runners.microbatch;

import dev.millrace.PipelineExecutionException;
import dev.millrace.PipelineResult;
import dev.millrace.metrics.MetricResults;
import dev.millrace.runners.core.MetricsRegistry;
import dev.millrace.runners.core.UserCodeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The handle of a pipeline running on the micro-batch runner: the usual state, waiting,
 * cancelling and metrics, plus the metrics of every batch ({@link #batches()}). The runner also
 * publishes its batch statistics as metrics of the step {@value #RUNNER_STEP}: counters
 * {@code batches}, {@code recordsIn}, {@code recordsOut}, the distribution
 * {@code batchDurationMillis}, and gauges {@code watermarkMillis} and {@code watermarkLagMillis}.
 */
public final class MicroBatchPipelineResult implements PipelineResult {
  /** The step name under which the runner reports its own metrics. */
  public static final String RUNNER_STEP = "MicroBatchRunner";

  private final CountDownLatch done = new CountDownLatch(1);
  private final List<BatchMetrics> batches = new ArrayList<>();
  private volatile State state = State.RUNNING;
  private volatile Throwable failure;
  private volatile MicroBatchExecutor executor;

  MicroBatchPipelineResult() {}

  void start(MicroBatchExecutor ex) {
    this.executor = ex;
    Thread thread = new Thread(() -> {
      try {
        ex.run();
        finish(ex.isCancelled() ? State.CANCELLED : State.DONE, null);
      } catch (Throwable t) {
        finish(ex.isCancelled() ? State.CANCELLED : State.FAILED, ex.isCancelled() ? null : t);
      }
    }, "millrace-microbatch-main");
    thread.setDaemon(true);
    thread.start();
  }

  synchronized void addBatch(BatchMetrics m) {
    batches.add(m);
  }

  /** The metrics of every batch this process ran so far, in order. */
  public synchronized List<BatchMetrics> batches() {
    return List.copyOf(batches);
  }

  private void finish(State s, Throwable t) {
    failure = t;
    state = s;
    done.countDown();
  }

  @Override
  public State getState() {
    return state;
  }

  @Override
  public State waitUntilFinish() {
    try {
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return state;
    }
    return checked();
  }

  @Override
  public State waitUntilFinish(Duration duration) {
    try {
      if (!done.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
        return state;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return state;
    }
    return checked();
  }

  private State checked() {
    if (state == State.FAILED) {
      Throwable t = failure;
      if (t instanceof UserCodeException u) {
        throw new PipelineExecutionException(u.getMessage(), u.getCause());
      }
      throw new PipelineExecutionException("The pipeline failed: " + t, t);
    }
    return state;
  }

  @Override
  public State cancel() {
    MicroBatchExecutor ex = executor;
    if (ex != null && !state.isTerminal()) {
      ex.cancel();
      try {
        done.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return state;
  }

  @Override
  public MetricResults metrics() {
    MicroBatchExecutor ex = executor;
    return ex == null ? new MetricsRegistry() : ex.metrics();
  }
}
