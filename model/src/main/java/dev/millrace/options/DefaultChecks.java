package dev.millrace.options;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an option's {@link Default} annotations when its interface is registered: at most one,
 * of a kind that fits the option's type, and (for the literal kinds) a value that parses, so a
 * broken default fails at registration and not when a pipeline first reads it.
 */
final class DefaultChecks {
  /** The types each literal kind fits; {@code @Default.String} fits every type a flag can set. */
  private static final Map<Class<? extends Annotation>, Set<Class<?>>> FITS = Map.of(
      Default.Integer.class, Set.of(int.class, Integer.class),
      Default.Long.class, Set.of(long.class, Long.class),
      Default.Double.class, Set.of(double.class, Double.class),
      Default.Boolean.class, Set.of(boolean.class, Boolean.class));
  private static final List<Class<? extends Annotation>> KINDS = List.of(
      Default.String.class, Default.Integer.class, Default.Long.class, Default.Double.class,
      Default.Boolean.class, Default.Enum.class, Default.InstanceFactory.class);

  private DefaultChecks() {}

  static void check(OptionProperty p) {
    Method getter = p.getter();
    List<Class<? extends Annotation>> present = new ArrayList<>();
    for (Class<? extends Annotation> kind : KINDS) {
      if (getter.getAnnotation(kind) != null) {
        present.add(kind);
      }
    }
    if (present.isEmpty()) {
      return;
    }
    String where = "Option '" + p.name() + "' (" + p.iface().getName() + "." + getter.getName()
        + "())";
    if (present.size() > 1) {
      throw new IllegalArgumentException(where + " has " + present.size() + " @Default "
          + "annotations (" + names(present) + "); keep exactly one.");
    }
    Class<? extends Annotation> kind = present.get(0);
    Class<?> type = getter.getReturnType();
    boolean fits = kind == Default.InstanceFactory.class || kind == Default.String.class
        || (kind == Default.Enum.class ? type.isEnum() : FITS.get(kind).contains(type));
    if (!fits) {
      throw new IllegalArgumentException(where + " has the type " + type.getSimpleName()
          + " but the default @Default." + kind.getSimpleName() + ", which does not fit it; use "
          + suggestedKind(type) + ".");
    }
    if (kind != Default.InstanceFactory.class) {
      String text = OptionValues.defaultText(getter);
      try {
        OptionValues.convert(p, List.of(text));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + " has an invalid default: " + e.getMessage(),
            e);
      }
    }
  }

  private static String suggestedKind(Class<?> type) {
    if (type.isEnum()) {
      return "@Default.Enum(\"CONSTANT\")";
    }
    if (type == String.class) {
      return "@Default.String";
    }
    for (Map.Entry<Class<? extends Annotation>, Set<Class<?>>> e : FITS.entrySet()) {
      if (e.getValue().contains(type)) {
        return "@Default." + e.getKey().getSimpleName();
      }
    }
    return "@Default.InstanceFactory";
  }

  private static String names(List<Class<? extends Annotation>> kinds) {
    return String.join(", ", kinds.stream().map(k -> "@Default." + k.getSimpleName()).toList());
  }
}
