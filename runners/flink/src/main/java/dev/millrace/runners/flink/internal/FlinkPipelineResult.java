package dev.millrace.runners.flink.internal;

import dev.millrace.PipelineExecutionException;
import dev.millrace.PipelineResult;
import dev.millrace.metrics.MetricResults;
import dev.millrace.runners.core.UserCodeException;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;

/**
 * The handle of a job submitted to Flink. A failed job surfaces as a
 * {@link PipelineExecutionException} naming the failing step and element; metrics come from the
 * runner's accumulators (final once the job is done).
 */
public final class FlinkPipelineResult implements PipelineResult {
  private final JobClient client;
  private volatile State terminal;
  private volatile RuntimeException failure;
  private volatile Map<String, Object> accumulators;

  private final Runnable onSuccess;

  public FlinkPipelineResult(JobClient client) {
    this(client, () -> {});
  }

  /** @param onSuccess runs once when the job is seen to have finished successfully */
  public FlinkPipelineResult(JobClient client, Runnable onSuccess) {
    this.client = client;
    this.onSuccess = onSuccess;
  }

  /** The Flink job id. */
  public String jobId() {
    return client.getJobID().toString();
  }

  @Override
  public State getState() {
    if (terminal != null) {
      return terminal;
    }
    try {
      return map(client.getJobStatus().get(10, TimeUnit.SECONDS));
    } catch (Exception e) {
      return State.UNKNOWN;
    }
  }

  private static State map(JobStatus status) {
    return switch (status) {
      case FINISHED -> State.DONE;
      case FAILED -> State.FAILED;
      case CANCELED -> State.CANCELLED;
      case CANCELLING, FAILING, RESTARTING, RUNNING, CREATED, INITIALIZING, RECONCILING,
          SUSPENDED -> State.RUNNING;
    };
  }

  @Override
  public State waitUntilFinish() {
    return waitUntilFinish(null);
  }

  @Override
  public State waitUntilFinish(Duration duration) {
    if (terminal == null) {
      try {
        JobExecutionResult r = duration == null
            ? client.getJobExecutionResult().get()
            : client.getJobExecutionResult().get(duration.toMillis(), TimeUnit.MILLISECONDS);
        accumulators = r.getAllAccumulatorResults();
        terminal = State.DONE;
        onSuccess.run();
      } catch (TimeoutException e) {
        return State.RUNNING;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return getState();
      } catch (ExecutionException e) {
        failure = translate(e.getCause());
        terminal = isCancellation(e.getCause()) ? State.CANCELLED : State.FAILED;
      }
    }
    if (terminal == State.FAILED) {
      throw failure;
    }
    return terminal;
  }

  private static boolean isCancellation(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof java.util.concurrent.CancellationException
          || String.valueOf(c.getMessage()).contains("is not in state RUNNING but CANCELED")
          || String.valueOf(c.getMessage()).contains("Job was cancelled")) {
        return true;
      }
    }
    return false;
  }

  /** The innermost user failure (with step and element) if there is one in the chain. */
  static RuntimeException translate(Throwable t) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    UserCodeException innermost = null;
    for (Throwable c = t; c != null && seen.put(c, true) == null; c = c.getCause()) {
      if (c instanceof UserCodeException u) {
        innermost = u;
      }
    }
    if (innermost != null) {
      return new PipelineExecutionException(innermost.getMessage(), innermost.getCause());
    }
    return new PipelineExecutionException("The Flink job failed: " + rootMessage(t), t);
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.toString();
  }

  @Override
  public State cancel() {
    if (terminal == null) {
      try {
        client.cancel().get(30, TimeUnit.SECONDS);
        terminal = State.CANCELLED;
      } catch (Exception e) {
        return getState();
      }
    }
    return terminal;
  }

  @Override
  public MetricResults metrics() {
    Map<String, Object> acc = accumulators;
    if (acc == null) {
      try {
        acc = client.getAccumulators().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        acc = Map.of();
      }
    }
    return new FlinkMetricResults(acc);
  }
}
