package dev.millrace.options;

import java.util.List;

/**
 * Service-provider interface that registers option interfaces for flag parsing and
 * {@code --help}: list implementations in
 * {@code META-INF/services/dev.millrace.options.PipelineOptionsRegistrar}.
 */
public interface PipelineOptionsRegistrar {
  List<Class<? extends PipelineOptions>> getPipelineOptions();
}
