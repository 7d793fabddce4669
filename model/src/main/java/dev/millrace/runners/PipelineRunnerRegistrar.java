package dev.millrace.runners;

import dev.millrace.options.PipelineOptions;
import java.util.List;

/**
 * The service-provider interface through which runners make themselves known: list an
 * implementation in {@code META-INF/services/dev.millrace.runners.PipelineRunnerRegistrar}.
 */
public interface PipelineRunnerRegistrar {
  /** The name users pass to {@code --runner=}, e.g. {@code direct}. Lower case, no spaces. */
  String name();

  /** A one-line description shown by {@code --help}. */
  String description();

  /** Creates the runner for the given options. */
  PipelineRunner create(PipelineOptions options);

  /** The option interfaces this runner understands; they are registered for flag parsing. */
  List<Class<? extends PipelineOptions>> optionsInterfaces();
}
