package dev.millrace.options;

import java.lang.reflect.Method;
import java.lang.reflect.Type;

/**
 * One option of an options interface: its flag name, getter, setter and type (internal to the
 * options machinery).
 *
 * @param name the flag name ({@code getTargetParallelism} → {@code targetParallelism})
 * @param iface the interface that declares the getter
 * @param getter the getter
 * @param setter the setter
 * @param type the option's (generic) type
 */
record OptionProperty(
    String name, Class<?> iface, Method getter, Method setter, Type type) {

  /** The property name of a getter or setter, or null when the method is neither. */
  static String propertyName(Method m) {
    String n = m.getName();
    String rest;
    if (n.startsWith("get") && n.length() > 3 && m.getParameterCount() == 0) {
      rest = n.substring(3);
    } else if (n.startsWith("is") && n.length() > 2 && m.getParameterCount() == 0
        && (m.getReturnType() == boolean.class || m.getReturnType() == Boolean.class)) {
      rest = n.substring(2);
    } else if (n.startsWith("set") && n.length() > 3 && m.getParameterCount() == 1) {
      rest = n.substring(3);
    } else {
      return null;
    }
    return Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
  }

  /** A short type name for help. */
  String typeName() {
    Class<?> raw = getter.getReturnType();
    if (raw.isEnum()) {
      return String.join("|", java.util.Arrays.stream(raw.getEnumConstants())
          .map(Object::toString).toList());
    }
    if (raw.isArray()) {
      return raw.getComponentType().getSimpleName() + ",...";
    }
    if (raw == java.util.List.class) {
      return (type instanceof java.lang.reflect.ParameterizedType pt
          && pt.getActualTypeArguments()[0] instanceof Class<?> c
          ? c.getSimpleName() : "String") + ",...";
    }
    return raw.getSimpleName();
  }
}
