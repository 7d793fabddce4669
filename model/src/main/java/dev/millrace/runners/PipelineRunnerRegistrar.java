package dev.millrace.runners;

import dev.millrace.options.PipelineOptions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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

  /**
   * The parts of the model this runner implements. The compliance suite runs every test whose
   * required capabilities are all declared here, and reports the others as unsupported for this
   * runner; declaring a capability is a promise to pass every compliance test that requires it.
   * The default is {@link Capability#CORE} only.
   */
  default Set<Capability> capabilities() {
    return EnumSet.of(Capability.CORE);
  }
}
