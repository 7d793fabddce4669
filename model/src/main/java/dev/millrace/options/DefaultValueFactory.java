package dev.millrace.options;

/**
 * Computes an option's default from the other options, for {@code @Default.InstanceFactory}.
 *
 * @param <T> the option's type
 */
@FunctionalInterface
public interface DefaultValueFactory<T> {
  /**
   * The default, computed when the option is first read without having been set. Read other
   * options through {@code options.as(TheirInterface.class)}. Implementations need a public
   * no-argument constructor.
   */
  T create(PipelineOptions options);
}
