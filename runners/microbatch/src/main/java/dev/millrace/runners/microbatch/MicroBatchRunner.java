package dev.millrace.runners.microbatch;

import com.google.common.base.Preconditions;
import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.runners.PipelineRunner;
import dev.millrace.runners.core.ExecutionGraph;

/**
 * Runs a pipeline in micro-batches in this process (see {@link MicroBatchOptions}): each batch
 * reads what the sources have, runs the fused steps over it in bulk, groups in parallel by key
 * partition through the shared windowing core, then advances watermarks and fires due timers.
 * {@link #run} returns at once with a {@link MicroBatchPipelineResult}; the pipeline runs in the
 * background.
 */
public final class MicroBatchRunner implements PipelineRunner {
  private final MicroBatchOptions options;

  public MicroBatchRunner(MicroBatchOptions options) {
    Preconditions.checkArgument(options.getMaxBatchSize() >= 0,
        "--maxBatchSize=%s must be >= 0 (0 means no limit)", options.getMaxBatchSize());
    Preconditions.checkArgument(options.getParallelism() >= 0,
        "--parallelism=%s must be >= 0 (0 means one thread per core)", options.getParallelism());
    Preconditions.checkArgument(
        options.getBatchInterval() != null && !options.getBatchInterval().isNegative()
            && !options.getBatchInterval().isZero(),
        "--batchInterval=%s must be a positive duration, e.g. PT0.5S", options.getBatchInterval());
    this.options = options;
  }

  @Override
  public PipelineResult run(Pipeline pipeline) {
    ExecutionGraph graph = ExecutionGraph.of(pipeline, true);
    MicroBatchPipelineResult result = new MicroBatchPipelineResult();
    MicroBatchExecutor executor = new MicroBatchExecutor(graph, options, result);
    result.start(executor);
    return result;
  }
}
