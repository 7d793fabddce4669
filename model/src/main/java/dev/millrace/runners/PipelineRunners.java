package dev.millrace.runners;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.millrace.options.PipelineOptions;
import dev.millrace.options.Suggestions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds runners on the class path through {@link PipelineRunnerRegistrar} services and picks the
 * one that {@code --runner=NAME} names (case-insensitively). A runner module makes itself
 * available by listing its registrar in {@code
 * META-INF/services/dev.millrace.runners.PipelineRunnerRegistrar}; the services are looked up
 * through the thread's context class loader.
 */
public final class PipelineRunners {
  private PipelineRunners() {}

  /** Every runner on the class path, sorted by name. */
  public static List<PipelineRunnerRegistrar> available() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    if (cl == null) {
      cl = PipelineRunners.class.getClassLoader();
    }
    List<PipelineRunnerRegistrar> all = new ArrayList<>();
    try {
      ServiceLoader.load(PipelineRunnerRegistrar.class, cl).forEach(all::add);
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("A runner on the class path cannot be loaded: "
          + e.getMessage() + ". Check its META-INF/services/"
          + PipelineRunnerRegistrar.class.getName() + " entry and that the registrar is public "
          + "with a public no-argument constructor.", e);
    }
    all.sort(Comparator.comparing(PipelineRunnerRegistrar::name));
    return all;
  }

  /**
   * Creates the runner that the options' {@code --runner} names.
   *
   * @throws IllegalArgumentException when no runner of that name is on the class path; the
   *     message suggests the closest name and lists the runners that are there, or says to add a
   *     runner module when there are none
   */
  public static PipelineRunner fromOptions(PipelineOptions options) {
    checkNotNull(options, "options");
    String name = options.getRunner();
    List<PipelineRunnerRegistrar> all = available();
    if (all.isEmpty()) {
      throw new IllegalArgumentException("No runner is on the class path, so --runner=" + name
          + " cannot be used. Add a runner module such as millrace-runners-direct to the class "
          + "path (as a dependency of your project).");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("No runner is chosen: --runner is empty. "
          + "Set --runner=NAME; runners on the class path: " + describe(all) + ".");
    }
    for (PipelineRunnerRegistrar r : all) {
      if (r.name().equalsIgnoreCase(name.trim())) {
        return r.create(options);
      }
    }
    String best = Suggestions.closest(name, all.stream().map(PipelineRunnerRegistrar::name)
        .toList());
    throw new IllegalArgumentException("Unknown runner '" + name + "'."
        + (best == null ? "" : " Did you mean '" + best + "'?")
        + " Runners on the class path: " + describe(all) + ".");
  }

  private static String describe(List<PipelineRunnerRegistrar> runners) {
    StringBuilder sb = new StringBuilder();
    for (PipelineRunnerRegistrar r : runners) {
      sb.append(sb.length() == 0 ? "" : ", ")
          .append(r.name()).append(" (").append(r.description()).append(")");
    }
    return sb.toString();
  }
}
