package dev.millrace;

import dev.millrace.metrics.MetricResults;
import java.time.Duration;

/**
 * A handle to a running or finished pipeline: its state, a way to wait for or cancel it, and its
 * metrics.
 */
public interface PipelineResult {
  /** The execution state of a pipeline. */
  enum State {
    UNKNOWN,
    RUNNING,
    DONE,
    FAILED,
    CANCELLED;

    /** Whether the pipeline has stopped for good. */
    public boolean isTerminal() {
      return this == DONE || this == FAILED || this == CANCELLED;
    }
  }

  /** The current state. */
  State getState();

  /**
   * Waits until the pipeline finishes.
   *
   * @return the terminal state
   * @throws PipelineExecutionException if the pipeline failed; its cause is the user's exception
   */
  State waitUntilFinish();

  /**
   * Waits at most the given time.
   *
   * @return the state then (RUNNING if the time ran out)
   * @throws PipelineExecutionException if the pipeline failed
   */
  State waitUntilFinish(Duration duration);

  /** Cancels the pipeline and returns its state afterwards. */
  State cancel();

  /** The metrics reported so far (final once the pipeline is done). */
  MetricResults metrics();
}
