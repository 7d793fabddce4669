package dev.millrace.runners.microbatch;

import dev.millrace.options.PipelineOptions;
import dev.millrace.runners.PipelineRunner;
import dev.millrace.runners.PipelineRunnerRegistrar;
import dev.millrace.runners.Capability;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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

  /**
   * Everything the shared core gives this runner, stateful DoFns (state, timers, timer families)
   * included, and unbounded sources.
   */
  @Override
  public Set<Capability> capabilities() {
    return EnumSet.of(Capability.CORE, Capability.COMBINE, Capability.SIDE_INPUTS,
        Capability.WINDOWED_SIDE_INPUTS, Capability.MULTIPLE_OUTPUTS, Capability.MERGING_WINDOWS,
        Capability.TRIGGERS, Capability.PROCESSING_TIME, Capability.TEST_STREAM, Capability.METRICS,
        Capability.LARGE_INPUT, Capability.UNBOUNDED, Capability.STATE, Capability.TIMERS,
        Capability.TIMER_FAMILIES);
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
