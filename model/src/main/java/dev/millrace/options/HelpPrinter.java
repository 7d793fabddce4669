package dev.millrace.options;

import java.io.PrintStream;
import java.util.List;

/** Renders {@code --help}: each interface's options with type, default and description. */
final class HelpPrinter {
  private HelpPrinter() {}

  /**
   * Prints the interfaces' options; with {@code declaredOnly}, each option only under the
   * interface that declares it (for the full listing, where inherited ones would repeat).
   */
  static void print(
      PrintStream out, List<Class<? extends PipelineOptions>> interfaces, boolean declaredOnly) {
    out.println("Millrace pipeline options. Give them as --name=value.");
    for (Class<? extends PipelineOptions> iface : interfaces) {
      if (iface.getAnnotation(Hidden.class) != null) {
        continue;
      }
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
}
