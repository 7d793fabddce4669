package dev.millrace.metrics;

import com.google.common.base.Preconditions;

/**
 * The name of a metric: a namespace (often the class that reports it) and a name.
 *
 * @param namespace the namespace, not empty
 * @param name the name, not empty
 */
public record MetricName(String namespace, String name) implements java.io.Serializable {
  public MetricName {
    Preconditions.checkArgument(namespace != null && !namespace.isEmpty(), "empty metric namespace");
    Preconditions.checkArgument(name != null && !name.isEmpty(), "empty metric name");
  }

  /** A metric name. */
  public static MetricName named(String namespace, String name) {
    return new MetricName(namespace, name);
  }

  /** A metric name namespaced by a class. */
  public static MetricName named(Class<?> namespace, String name) {
    return new MetricName(namespace.getName(), name);
  }

  @Override
  public String toString() {
    return namespace + ":" + name;
  }
}
