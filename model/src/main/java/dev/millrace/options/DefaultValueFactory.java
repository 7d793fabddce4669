package dev.millrace.options;

/**
 * Computes an option's default from the other options, for {@code @Default.InstanceFactory}.
 *
 * @param <T> the option's type
 */
@FunctionalInterface
public interface DefaultValueFactory<T> {
  T create(PipelineOptions options);
}
