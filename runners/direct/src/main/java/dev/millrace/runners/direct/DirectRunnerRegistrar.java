package dev.millrace.runners.direct;

import dev.millrace.options.PipelineOptions;
import dev.millrace.runners.PipelineRunner;
import dev.millrace.runners.PipelineRunnerRegistrar;
import java.util.List;

/** Makes the direct runner available as {@code --runner=direct}. */
public final class DirectRunnerRegistrar implements PipelineRunnerRegistrar {
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
}
