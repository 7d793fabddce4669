package dev.millrace.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Selects metrics by step and name. A step filter matches a step whose full name equals it or
 * contains it as a run of whole path segments ({@code "Count"} matches {@code "WordCount/Count"}
 * and {@code "Count/Combine"}, not {@code "Counting"}). A name filter matches the namespace and,
 * when given, the name. Empty lists match everything.
 *
 * @param steps the step filters
 * @param names the name filters
 */
public record MetricsFilter(List<String> steps, List<MetricNameFilter> names) {
  /** A filter on a metric's namespace and optionally its name (null matches any). */
  public record MetricNameFilter(String namespace, String name) {
    public static MetricNameFilter named(String namespace, String name) {
      return new MetricNameFilter(namespace, name);
    }

    public static MetricNameFilter named(Class<?> namespace, String name) {
      return new MetricNameFilter(namespace.getName(), name);
    }

    public static MetricNameFilter inNamespace(String namespace) {
      return new MetricNameFilter(namespace, null);
    }

    boolean matches(MetricName n) {
      return (namespace == null || namespace.equals(n.namespace()))
          && (name == null || name.equals(n.name()));
    }
  }

  /** A filter that matches every metric. */
  public static MetricsFilter all() {
    return new MetricsFilter(List.of(), List.of());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether the filter selects the given metric. */
  public boolean matches(MetricKey key) {
    boolean stepOk = steps.isEmpty() || steps.stream().anyMatch(s -> stepMatches(s, key.stepName()));
    boolean nameOk = names.isEmpty() || names.stream().anyMatch(f -> f.matches(key.metricName()));
    return stepOk && nameOk;
  }

  private static boolean stepMatches(String filter, String step) {
    return ("/" + step + "/").contains("/" + filter + "/");
  }

  /** Builds a {@link MetricsFilter}. */
  public static final class Builder {
    private final List<String> steps = new ArrayList<>();
    private final List<MetricNameFilter> names = new ArrayList<>();

    public Builder addStep(String step) {
      steps.add(step);
      return this;
    }

    public Builder addNameFilter(MetricNameFilter filter) {
      names.add(filter);
      return this;
    }

    public MetricsFilter build() {
      return new MetricsFilter(List.copyOf(steps), List.copyOf(names));
    }
  }
}
