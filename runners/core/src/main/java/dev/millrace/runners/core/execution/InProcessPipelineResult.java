package dev.millrace.runners.core.execution;

import dev.millrace.PipelineExecutionException;
import dev.millrace.PipelineResult;
import dev.millrace.metrics.MetricResults;
import dev.millrace.runners.core.MetricsRegistry;
import dev.millrace.runners.core.UserCodeException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The handle of a pipeline that an in-process runner executes on a background thread: its state,
 * waiting (failures rethrown as {@link PipelineExecutionException} naming the step and element),
 * cancelling and metrics. Shared by the direct and micro-batch runners.
 */
public class InProcessPipelineResult implements PipelineResult {
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile State state = State.RUNNING;
  private volatile Throwable failure;
  private volatile InProcessExecution execution;

  /** Starts the execution on a daemon thread with the given name. */
  protected void start(InProcessExecution ex, String threadName) {
    this.execution = ex;
    Thread thread = new Thread(() -> {
      try {
        ex.run();
        finish(ex.isCancelled() ? State.CANCELLED : State.DONE, null);
      } catch (Throwable t) {
        finish(ex.isCancelled() ? State.CANCELLED : State.FAILED, ex.isCancelled() ? null : t);
      }
    }, threadName);
    thread.setDaemon(true);
    thread.start();
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
    InProcessExecution ex = execution;
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
    InProcessExecution ex = execution;
    return ex == null ? new MetricsRegistry() : ex.metrics();
  }
}
