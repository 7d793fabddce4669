package dev.millrace.options;

import java.util.List;

/**
 * Service-provider interface that registers option interfaces for flag parsing and
 * {@code --help}: list implementations in
 * {@code META-INF/services/dev.millrace.options.PipelineOptionsRegistrar}.
 */
public interface PipelineOptionsRegistrar {
  /** The options interfaces to register; each is validated as {@code register} does. */
  List<Class<? extends PipelineOptions>> getPipelineOptions();
}
