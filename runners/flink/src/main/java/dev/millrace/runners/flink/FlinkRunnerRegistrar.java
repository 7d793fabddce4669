package dev.millrace.runners.flink;

import dev.millrace.options.PipelineOptions;
import dev.millrace.runners.Capability;
import dev.millrace.runners.PipelineRunner;
import dev.millrace.runners.PipelineRunnerRegistrar;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Makes the Flink runner available as {@code --runner=flink}. */
public final class FlinkRunnerRegistrar implements PipelineRunnerRegistrar {
  /**
   * What the Flink runner declares to the compliance suite. Capabilities are added here only once
   * the suite passes them on Flink.
   */
  private static final Set<Capability> CAPABILITIES = EnumSet.of(
      Capability.CORE,
      Capability.COMBINE,
      Capability.SIDE_INPUTS,
      Capability.WINDOWED_SIDE_INPUTS,
      Capability.MULTIPLE_OUTPUTS,
      Capability.METRICS,
      Capability.MERGING_WINDOWS,
      Capability.TRIGGERS,
      Capability.TEST_STREAM,
      Capability.PROCESSING_TIME,
      Capability.LARGE_INPUT,
      Capability.UNBOUNDED,
      Capability.STATE,
      Capability.TIMERS,
      Capability.TIMER_FAMILIES);

  @Override
  public String name() {
    return "flink";
  }

  @Override
  public String description() {
    return "distributed on Apache Flink 2.3: an embedded MiniCluster by default, a cluster with "
        + "--flinkMaster=host:port";
  }

  @Override
  public PipelineRunner create(PipelineOptions options) {
    return new FlinkRunner(options.as(FlinkOptions.class));
  }

  @Override
  public List<Class<? extends PipelineOptions>> optionsInterfaces() {
    return List.of(FlinkOptions.class);
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.copyOf(CAPABILITIES);
  }
}
