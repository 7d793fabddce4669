package dev.millrace.runners;

import dev.millrace.options.PipelineOptions;
import dev.millrace.options.Suggestions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Finds runners on the class path through {@link PipelineRunnerRegistrar} services. */
public final class PipelineRunners {
  private PipelineRunners() {}

  /** Every runner on the class path, sorted by name. */
  public static List<PipelineRunnerRegistrar> available() {
    List<PipelineRunnerRegistrar> all = new ArrayList<>();
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    ServiceLoader.load(PipelineRunnerRegistrar.class, cl).forEach(all::add);
    all.sort(Comparator.comparing(PipelineRunnerRegistrar::name));
    return all;
  }

  /** The runner named by {@code --runner}, created for the options. */
  public static PipelineRunner fromOptions(PipelineOptions options) {
    String name = options.getRunner();
    List<PipelineRunnerRegistrar> all = available();
    for (PipelineRunnerRegistrar r : all) {
      if (r.name().equalsIgnoreCase(name)) {
        return r.create(options);
      }
    }
    if (all.isEmpty()) {
      throw new IllegalArgumentException("No runner is on the class path, so --runner=" + name
          + " cannot be used. Add a runner module such as millrace-runners-direct as a "
          + "dependency.");
    }
    StringBuilder sb = new StringBuilder("Unknown runner '" + name + "'.");
    String best = Suggestions.closest(name, all.stream().map(PipelineRunnerRegistrar::name).toList());
    if (best != null) {
      sb.append(" Did you mean '").append(best).append("'?");
    }
    sb.append(" Runners on the class path: ");
    for (int i = 0; i < all.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(all.get(i).name())
          .append(" (").append(all.get(i).description()).append(")");
    }
    throw new IllegalArgumentException(sb.toString());
  }
}
