package dev.millrace.options;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Converts flag text to option values and computes annotated defaults. */
final class OptionValues {
  private OptionValues() {}

  /** Converts the raw flag values of one option to its type. */
  static Object convert(OptionProperty p, List<String> raw) {
    Type type = p.type();
    Class<?> cls = p.getter().getReturnType();
    if (cls == List.class || cls.isArray()) {
      List<String> items = new ArrayList<>();
      for (String r : raw) {
        for (String s : r.split(",")) {
          if (!s.isBlank()) {
            items.add(s.trim());
          }
        }
      }
      Class<?> elem = cls.isArray() ? cls.getComponentType() : listElement(type);
      List<Object> converted = new ArrayList<>();
      for (String s : items) {
        converted.add(convertOne(p, elem, s));
      }
      if (cls.isArray()) {
        Object arr = java.lang.reflect.Array.newInstance(elem, converted.size());
        for (int i = 0; i < converted.size(); i++) {
          java.lang.reflect.Array.set(arr, i, converted.get(i));
        }
        return arr;
      }
      return List.copyOf(converted);
    }
    if (raw.size() > 1) {
      throw new IllegalArgumentException("The option --" + p.name() + " was given "
          + raw.size() + " times (" + raw + "); it takes a single value.");
    }
    return convertOne(p, cls, raw.get(0));
  }

  private static Class<?> listElement(Type type) {
    if (type instanceof ParameterizedType pt && pt.getActualTypeArguments()[0] instanceof Class<?> c) {
      return c;
    }
    return String.class;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Object convertOne(OptionProperty p, Class<?> cls, String s) {
    try {
      if (cls == String.class) {
        return s;
      }
      if (cls == int.class || cls == Integer.class) {
        return Integer.parseInt(s.trim());
      }
      if (cls == long.class || cls == Long.class) {
        return Long.parseLong(s.trim());
      }
      if (cls == double.class || cls == Double.class) {
        return Double.parseDouble(s.trim());
      }
      if (cls == float.class || cls == Float.class) {
        return Float.parseFloat(s.trim());
      }
      if (cls == boolean.class || cls == Boolean.class) {
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
          return Boolean.parseBoolean(s);
        }
        throw new IllegalArgumentException("not true or false");
      }
      if (cls.isEnum()) {
        for (Object c : cls.getEnumConstants()) {
          if (((Enum) c).name().equalsIgnoreCase(s.trim())) {
            return c;
          }
        }
        throw new IllegalArgumentException("allowed values are "
            + Arrays.toString(cls.getEnumConstants()));
      }
      if (cls == Duration.class) {
        return s.matches("-?\\d+") ? Duration.ofMillis(Long.parseLong(s)) : Duration.parse(s);
      }
      if (cls == Instant.class) {
        return s.matches("-?\\d+") ? Instant.ofEpochMilli(Long.parseLong(s)) : Instant.parse(s);
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("Invalid value '" + s + "' for --" + p.name()
          + ": expected " + describe(cls) + " (" + e.getMessage() + ").", e);
    }
    throw new IllegalArgumentException("The option --" + p.name() + " has the type "
        + cls.getName() + ", which cannot be set from a flag.");
  }

  private static String describe(Class<?> cls) {
    if (cls == int.class || cls == Integer.class || cls == long.class || cls == Long.class) {
      return "an integer";
    }
    if (cls == double.class || cls == Double.class || cls == float.class || cls == Float.class) {
      return "a number";
    }
    if (cls == boolean.class || cls == Boolean.class) {
      return "true or false";
    }
    if (cls == Duration.class) {
      return "a duration such as PT5S or a number of milliseconds";
    }
    if (cls.isEnum()) {
      return "one of " + Arrays.toString(cls.getEnumConstants());
    }
    return "a " + cls.getSimpleName();
  }

  /** The annotated default of a getter, or null (or the primitive zero) when none. */
  static Object defaultValue(Method getter, PipelineOptions options) {
    Class<?> cls = getter.getReturnType();
    Default.InstanceFactory factory = getter.getAnnotation(Default.InstanceFactory.class);
    if (factory != null) {
      try {
        return factory.value().getDeclaredConstructor().newInstance().create(options);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Cannot create the default factory "
            + factory.value().getName() + " of option " + getter.getName()
            + ": it needs a public no-argument constructor", e);
      }
    }
    String text = defaultText(getter);
    if (text == null) {
      return primitiveZero(cls);
    }
    OptionProperty p = new OptionProperty(OptionProperty.propertyName(getter),
        getter.getDeclaringClass(), getter, null, getter.getGenericReturnType());
    return convert(p, List.of(text));
  }

  static Object primitiveZero(Class<?> cls) {
    if (cls == boolean.class) {
      return false;
    }
    if (cls == int.class) {
      return 0;
    }
    if (cls == long.class) {
      return 0L;
    }
    if (cls == double.class) {
      return 0.0;
    }
    if (cls == float.class) {
      return 0.0f;
    }
    if (cls == short.class) {
      return (short) 0;
    }
    if (cls == byte.class) {
      return (byte) 0;
    }
    if (cls == char.class) {
      return (char) 0;
    }
    return null;
  }

  /** The default as written in its annotation, "(computed)" for factories, or null. */
  static String defaultText(Method getter) {
    Default.String s = getter.getAnnotation(Default.String.class);
    Default.Integer i = getter.getAnnotation(Default.Integer.class);
    Default.Long l = getter.getAnnotation(Default.Long.class);
    Default.Double d = getter.getAnnotation(Default.Double.class);
    Default.Boolean b = getter.getAnnotation(Default.Boolean.class);
    Default.Enum e = getter.getAnnotation(Default.Enum.class);
    if (s != null) {
      return s.value();
    } else if (i != null) {
      return String.valueOf(i.value());
    } else if (l != null) {
      return String.valueOf(l.value());
    } else if (d != null) {
      return String.valueOf(d.value());
    } else if (b != null) {
      return String.valueOf(b.value());
    } else if (e != null) {
      return e.value();
    }
    return getter.getAnnotation(Default.InstanceFactory.class) != null ? "(computed)" : null;
  }
}
