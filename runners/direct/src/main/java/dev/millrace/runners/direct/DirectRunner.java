package dev.millrace.runners.direct;

import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.runners.PipelineRunner;
import dev.millrace.runners.core.ExecutionGraph;

/**
 * The in-process runner: plans the pipeline (fusing element-wise steps, lifting combines) and
 * executes it on a pool of {@code --targetParallelism} threads, with the model checks of
 * {@link DirectOptions} on by default. {@link #run} returns at once; the pipeline runs in the
 * background until {@link PipelineResult#waitUntilFinish()}.
 */
public final class DirectRunner implements PipelineRunner {
  private final DirectOptions options;

  public DirectRunner(DirectOptions options) {
    this.options = options;
  }

  @Override
  public PipelineResult run(Pipeline pipeline) {
    ExecutionGraph graph = ExecutionGraph.of(pipeline, true);
    DirectPipelineResult result = new DirectPipelineResult();
    DirectExecutor executor = new DirectExecutor(graph, options, result);
    result.start(executor);
    return result;
  }
}
