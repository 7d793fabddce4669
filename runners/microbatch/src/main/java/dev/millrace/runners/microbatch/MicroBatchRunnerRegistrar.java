package dev.millrace.runners.microbatch;

import dev.millrace.options.PipelineOptions;
import dev.millrace.runners.PipelineRunner;
import dev.millrace.runners.PipelineRunnerRegistrar;
import java.util.List;

/** Makes the micro-batch runner available as {@code --runner=microbatch}. */
public final class MicroBatchRunnerRegistrar implements PipelineRunnerRegistrar {
  @Override
  public String name() {
    return "microbatch";
  }

  @Override
  public String description() {
    return "in-process micro-batches: throughput over latency, exactly-once restarts with "
        + "--checkpointDir";
  }

  @Override
  public PipelineRunner create(PipelineOptions options) {
    return new MicroBatchRunner(options.as(MicroBatchOptions.class));
  }

  @Override
  public List<Class<? extends PipelineOptions>> optionsInterfaces() {
    return List.of(MicroBatchOptions.class);
  }
}
