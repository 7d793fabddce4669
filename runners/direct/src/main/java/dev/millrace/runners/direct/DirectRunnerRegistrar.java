package dev.millrace.runners.direct;

import dev.millrace.options.PipelineOptions;
import dev.millrace.runners.Capability;
import dev.millrace.runners.PipelineRunner;
import dev.millrace.runners.PipelineRunnerRegistrar;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Makes the direct runner available as {@code --runner=direct}. */
public final class DirectRunnerRegistrar implements PipelineRunnerRegistrar {
  /**
   * What the direct runner supports, as checked by the compliance suite. To declare a capability,
   * uncomment its line (one line each); the compliance suite then runs its tests on this runner.
   */
  private static final Set<Capability> CAPABILITIES = EnumSet.of(
      Capability.CORE,
      Capability.COMBINE,
      Capability.SIDE_INPUTS,
      Capability.MULTIPLE_OUTPUTS,
      Capability.METRICS,
      Capability.LARGE_INPUT,
      Capability.WINDOWED_SIDE_INPUTS,
      Capability.MERGING_WINDOWS,
      Capability.TRIGGERS,
      Capability.PROCESSING_TIME,
      Capability.TEST_STREAM,
      Capability.STATE,
      Capability.TIMERS,
      Capability.TIMER_FAMILIES,
      Capability.UNBOUNDED);

  @Override
  public String name() {
    return "direct";
  }

  @Override
  public String description() {
    return "in-process and multi-threaded, with model checks; the default and the testing runner";
  }

  @Override
  public PipelineRunner create(PipelineOptions options) {
    return new DirectRunner(options.as(DirectOptions.class));
  }

  @Override
  public List<Class<? extends PipelineOptions>> optionsInterfaces() {
    return List.of(DirectOptions.class);
  }

  @Override
  public Set<Capability> capabilities() {
    return EnumSet.copyOf(CAPABILITIES);
  }
}
