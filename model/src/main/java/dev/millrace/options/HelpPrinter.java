package dev.millrace.options;

import dev.millrace.runners.PipelineRunnerRegistrar;
import dev.millrace.runners.PipelineRunners;
import java.io.PrintStream;
import java.util.List;

/**
 * Renders {@code --help}: for each interface, its name and description, then each option's flag,
 * type, default (or "required") and description. {@link Hidden} options are left out, and so are
 * hidden interfaces unless asked for by name.
 */
final class HelpPrinter {
  private HelpPrinter() {}

  /** Prints every registered interface, each option under the interface that declares it. */
  static void printAll(PrintStream out, List<Class<? extends PipelineOptions>> interfaces) {
    header(out);
    for (Class<? extends PipelineOptions> iface : interfaces) {
      if (iface.getAnnotation(Hidden.class) == null) {
        printInterface(out, iface, true);
      }
    }
    out.println();
    out.println("Runners on the class path (choose one with --runner=NAME):");
    List<PipelineRunnerRegistrar> runners = PipelineRunners.available();
    if (runners.isEmpty()) {
      out.println("  none; add a runner module such as millrace-runners-direct to the class path.");
    }
    for (PipelineRunnerRegistrar r : runners) {
      out.println("  " + r.name() + "    " + r.description());
    }
  }

  /** Prints one interface with every option it has, inherited ones included. */
  static void printOne(PrintStream out, Class<? extends PipelineOptions> iface) {
    header(out);
    printInterface(out, iface, false);
  }

  private static void header(PrintStream out) {
    out.println("Millrace pipeline options. Give them as --name=value (--flag alone means "
        + "--flag=true; lists are comma-separated or repeated).");
  }

  private static void printInterface(
      PrintStream out, Class<? extends PipelineOptions> iface, boolean declaredOnly) {
    out.println();
    out.println(iface.getName() + ":");
    Description d = iface.getAnnotation(Description.class);
    if (d != null) {
      out.println("  " + d.value());
    }
    for (OptionProperty p : OptionsRegistry.properties(iface).values()) {
      if (p.getter().getAnnotation(Hidden.class) != null
          || (declaredOnly && p.iface() != iface)) {
        continue;
      }
      String def = OptionValues.defaultText(p.getter());
      boolean required = p.getter().getAnnotation(Validation.Required.class) != null;
      out.println("  --" + p.name() + "=<" + p.typeName() + ">"
          + (def != null ? "    (default: " + def + ")" : "")
          + (required ? "    (required)" : ""));
      Description pd = p.getter().getAnnotation(Description.class);
      if (pd != null) {
        out.println("      " + pd.value());
      }
    }
  }
}
