package dev.millrace.runners;

import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;

/**
 * Executes a {@link Pipeline}. A runner is chosen with {@code --runner=NAME} and discovered through
 * a {@link PipelineRunnerRegistrar} service on the class path.
 */
public interface PipelineRunner {
  /** Starts executing the pipeline and returns a handle to the running job. */
  PipelineResult run(Pipeline pipeline);
}
