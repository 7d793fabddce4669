package dev.millrace.runners.core.execution;

import dev.millrace.runners.core.MetricsRegistry;

/** A pipeline execution that runs on a thread of this process, as the in-process runners do. */
public interface InProcessExecution {
  /** Runs the pipeline to its end; throws the failure that stopped it. */
  void run() throws Exception;

  /** Asks the execution to stop as soon as it can. */
  void cancel();

  /** Whether {@link #cancel()} was called. */
  boolean isCancelled();

  /** The metrics reported so far. */
  MetricsRegistry metrics();
}
