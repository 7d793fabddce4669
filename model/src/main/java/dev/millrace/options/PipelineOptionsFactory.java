package dev.millrace.options;

import static com.google.common.base.Preconditions.checkNotNull;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Creates {@link PipelineOptions} from command-line flags, Beam-style:
 *
 * <pre>{@code
 * MyOptions o = PipelineOptionsFactory.fromArgs(args).withValidation().as(MyOptions.class);
 * }</pre>
 *
 * <p>Flags are {@code --name=value} (and {@code --flag} alone for {@code true}); list options take
 * comma-separated or repeated flags. Option types: {@code String}, {@code int}/{@code Integer},
 * {@code long}/{@code Long}, {@code double}/{@code Double}, {@code boolean}/{@code Boolean}, enums
 * (by constant name, case-insensitively), {@link java.time.Duration} (ISO-8601 such as {@code
 * PT5S}, or milliseconds), {@link java.time.Instant} (ISO-8601 or epoch milliseconds), and
 * {@code List}s or arrays of those.
 *
 * <p>Every flag must name an option of a known interface ({@link PipelineOptions}, the options
 * interfaces of runners and {@link PipelineOptionsRegistrar}s on the class path, interfaces
 * registered with {@link #register}, and the one passed to {@code as}); an unknown flag is an
 * error that suggests the closest known name. Malformed arguments, values of the wrong type, a
 * single-valued option given twice and (with {@link Builder#withValidation()}) a missing {@link
 * Validation.Required} option are errors too, all {@link IllegalArgumentException}s saying how to
 * fix the command line.
 *
 * <p>{@code --help} prints every registered option and exits with status 0; {@code
 * --help=SomeOptions} (simple or fully-qualified interface name) prints that interface's options.
 */
public final class PipelineOptionsFactory {
  /** Where help goes; tests replace it. */
  static PrintStream helpOut = System.out;
  /** How the process exits after help; tests replace it. */
  static IntConsumer exit = System::exit;

  private PipelineOptionsFactory() {}

  /** Options with every value at its default. */
  public static PipelineOptions create() {
    return new Builder(new String[0], false).create();
  }

  /** Default options viewed through the given interface. */
  public static <T extends PipelineOptions> T as(Class<T> iface) {
    return new Builder(new String[0], false).as(iface);
  }

  /** Starts parsing the given flags. */
  public static Builder fromArgs(String... args) {
    checkNotNull(args, "args");
    return new Builder(args.clone(), false);
  }

  /**
   * Makes an interface's options (and those of the options interfaces it extends) known for
   * parsing and help.
   *
   * @throws IllegalArgumentException when the interface is not a valid options interface (not a
   *     public interface extending PipelineOptions, a getter without a matching setter, a default
   *     that does not fit its option) or gives an already known option another type
   */
  public static void register(Class<? extends PipelineOptions> iface) {
    OptionsRegistry.register(iface);
  }

  /** Prints every registered option. */
  public static void printHelp(PrintStream out) {
    HelpPrinter.printAll(out, OptionsRegistry.registered());
  }

  /** Prints the options of one interface (and the ones it extends). */
  public static void printHelp(PrintStream out, Class<? extends PipelineOptions> iface) {
    OptionsRegistry.register(iface);
    HelpPrinter.printOne(out, iface);
  }

  /** Parses flags into options. */
  public static final class Builder {
    private final String[] args;
    private final boolean validation;

    private Builder(String[] args, boolean validation) {
      this.args = args;
      this.validation = validation;
    }

    /** Also checks {@link Validation.Required} options of the interface passed to {@code as}. */
    public Builder withValidation() {
      return new Builder(args, true);
    }

    /** The parsed options as {@link PipelineOptions}. */
    public PipelineOptions create() {
      return as(PipelineOptions.class);
    }

    /** The parsed options viewed through the given interface. */
    public <T extends PipelineOptions> T as(Class<T> iface) {
      OptionsRegistry.register(iface);
      Map<String, List<String>> raw = parse(args);
      if (raw.containsKey("help")) {
        printHelpFor(raw.get("help"), iface);
        exit.accept(0);
        // Reached only when the exit hook does not exit (tests).
        raw.remove("help");
      }
      Map<String, OptionProperty> known = OptionsRegistry.allProperties();
      Map<String, Object> values = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> e : raw.entrySet()) {
        OptionProperty p = known.get(e.getKey());
        if (p == null) {
          throw new IllegalArgumentException(unknownOption(e.getKey(), known.keySet()));
        }
        if (e.getValue().contains(null)) {
          Class<?> t = p.getter().getReturnType();
          if (t != boolean.class && t != Boolean.class) {
            throw new IllegalArgumentException("The option --" + p.name() + " needs a value: --"
                + p.name() + "=<" + p.typeName() + ">.");
          }
          e.setValue(e.getValue().stream().map(v -> v == null ? "true" : v).toList());
        }
        values.put(p.name(), OptionValues.convert(p, e.getValue()));
      }
      OptionsHandler handler = new OptionsHandler(values);
      T options = handler.as(iface);
      if (validation) {
        validateRequired(iface, handler);
      }
      return options;
    }
  }

  private static Map<String, List<String>> parse(String[] args) {
    Map<String, List<String>> raw = new LinkedHashMap<>();
    String previous = null;
    for (String arg : args) {
      if (arg == null || !arg.startsWith("--") || arg.length() < 3) {
        boolean valueOfPrevious = arg != null && !arg.startsWith("-") && previous != null
            && previous.startsWith("--") && !previous.contains("=");
        throw new IllegalArgumentException("Malformed argument '" + arg + "': options are given "
            + "as --name=value (or --flag for true)"
            + (valueOfPrevious ? "; write " + previous + "=" + arg + " instead of " + previous
                + " " + arg : "") + ".");
      }
      previous = arg;
      String body = arg.substring(2);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      String value = eq < 0 ? null : body.substring(eq + 1);
      if (name.isEmpty()) {
        throw new IllegalArgumentException("Malformed argument '" + arg + "': the option name "
            + "is empty.");
      }
      raw.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return raw;
  }

  private static void printHelpFor(List<String> helpValues, Class<? extends PipelineOptions> iface) {
    String which = helpValues.get(helpValues.size() - 1);
    if (which == null || which.isEmpty() || which.equals("true")) {
      printHelp(helpOut);
      return;
    }
    List<Class<? extends PipelineOptions>> registered = OptionsRegistry.registered();
    List<Class<? extends PipelineOptions>> matches = registered.stream()
        .filter(c -> c.getName().equals(which) || c.getSimpleName().equals(which)).toList();
    if (matches.size() == 1) {
      printHelp(helpOut, matches.get(0));
      return;
    }
    if (matches.size() > 1) {
      throw new IllegalArgumentException("--help=" + which + " is ambiguous: it names "
          + String.join(", ", matches.stream().map(Class::getName).toList())
          + ". Give the fully-qualified name.");
    }
    List<String> names = registered.stream().map(Class::getSimpleName).sorted().toList();
    String best = Suggestions.closest(which, names);
    throw new IllegalArgumentException("--help=" + which + ": no options interface of that name "
        + "is registered." + (best == null ? "" : " Did you mean --help=" + best + "?")
        + " Registered interfaces: " + String.join(", ", names) + ".");
  }

  private static void validateRequired(Class<?> iface, OptionsHandler handler) {
    for (OptionProperty p : OptionsRegistry.properties(iface).values()) {
      if (p.getter().getAnnotation(Validation.Required.class) != null && !handler.isSet(p.name())) {
        Description d = p.getter().getAnnotation(Description.class);
        throw new IllegalArgumentException("Missing required option --" + p.name()
            + (d == null ? "" : " (" + d.value() + ")") + ". Set it with --" + p.name()
            + "=<" + p.typeName() + ">.");
      }
    }
  }

  static String unknownOption(String name, Iterable<String> known) {
    String best = Suggestions.closest(name, known);
    return "Unknown option --" + name + "."
        + (best == null ? " Run with --help to list the options." : " Did you mean --" + best + "?");
  }
}
