package dev.millrace.runners.direct;

import dev.millrace.runners.core.execution.InProcessPipelineResult;

/** The handle of a pipeline running on the direct runner. */
final class DirectPipelineResult extends InProcessPipelineResult {
  void start(DirectExecutor ex) {
    start(ex, "millrace-direct-main");
  }
}
