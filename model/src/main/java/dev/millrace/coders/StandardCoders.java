package dev.millrace.coders;

import dev.millrace.values.KV;
import dev.millrace.values.TypeDescriptor;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The built-in inference rules of {@link CoderRegistry}: annotations, containers and records. */
final class StandardCoders {
  private StandardCoders() {}

  private static final Set<Class<?>> LISTS = Set.of(List.class, ArrayList.class, Collection.class);
  private static final Set<Class<?>> SETS =
      Set.of(Set.class, HashSet.class, LinkedHashSet.class);
  private static final Set<Class<?>> MAPS =
      Set.of(Map.class, HashMap.class, LinkedHashMap.class);

  /** Structural inference for containers, enums and records; fails for anything else. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static <T> Coder<T> structural(
      CoderRegistry registry, TypeDescriptor<T> type, Class<? super T> raw,
      Deque<TypeDescriptor<?>> inProgress)
      throws CannotProvideCoderException {
    if (raw.isEnum()) {
      return (Coder<T>) EnumCoder.of((Class) raw);
    }
    boolean container =
        raw == KV.class || raw == Iterable.class || raw == Optional.class
            || LISTS.contains(raw) || SETS.contains(raw) || MAPS.contains(raw);
    if (!container) {
      if (raw.isRecord()) {
        return recordCoder(registry, type, inProgress);
      }
      throw new CannotProvideCoderException(unknownClass(raw));
    }
    if (!(type.getType() instanceof ParameterizedType)) {
      throw new CannotProvideCoderException(
          "it is the raw type " + raw.getName() + " without type arguments, so the types of its"
              + " contents are unknown; declare the full type, e.g. with TypeDescriptors.lists(...)"
              + " or new TypeDescriptor<" + raw.getSimpleName() + "<...>>() {}");
    }
    List<Coder<?>> c = registry.componentCoders(type, inProgress);
    Coder<?> result;
    if (raw == KV.class) {
      result = KvCoder.of(c.get(0), c.get(1));
    } else if (raw == Iterable.class) {
      result = IterableCoder.of(c.get(0));
    } else if (raw == Optional.class) {
      result = OptionalCoder.of(c.get(0));
    } else if (LISTS.contains(raw)) {
      result = ListCoder.of(c.get(0));
    } else if (SETS.contains(raw)) {
      result = SetCoder.of(c.get(0));
    } else {
      result = MapCoder.of(c.get(0), c.get(1));
    }
    return (Coder<T>) result;
  }

  private static String unknownClass(Class<?> raw) {
    String what = raw.isArray() ? "array type " + raw.getTypeName() : "class " + raw.getName();
    String extra =
        raw.isArray()
            ? " (use a List instead of an array)"
            : " (Java serialization is never chosen automatically; use SerializableCoder.of("
                + raw.getSimpleName() + ".class) explicitly if you must)";
    return "no coder is registered for " + what + ", it is not a record, and it has no"
        + " @DefaultCoder annotation" + extra;
  }

  /** A record coder whose component coders are inferred from the components' generic types. */
  static <T> RecordCoder<T> recordCoder(
      CoderRegistry registry, TypeDescriptor<T> type, Deque<TypeDescriptor<?>> inProgress)
      throws CannotProvideCoderException {
    Class<? super T> raw = type.getRawType();
    if (!raw.isRecord()) {
      throw new CannotProvideCoderException(raw.getName() + " is not a record");
    }
    if (raw.getTypeParameters().length > 0 && !(type.getType() instanceof ParameterizedType)) {
      throw new CannotProvideCoderException(
          "it is the generic record " + raw.getName() + " used without type arguments; declare"
              + " the full type, e.g. new TypeDescriptor<" + raw.getSimpleName() + "<...>>() {}");
    }
    List<Coder<?>> coders = new ArrayList<>();
    for (RecordComponent rc : raw.getRecordComponents()) {
      TypeDescriptor<?> componentType = type.resolveType(rc.getGenericType());
      Coder<?> coder;
      try {
        coder = registry.infer(componentType, inProgress);
      } catch (CannotProvideCoderException e) {
        throw new CannotProvideCoderException(
            "no coder for component '" + rc.getName() + "' (of type " + componentType
                + ") of record " + raw.getName() + ": " + e.getMessage(), e);
      }
      coders.add(isNullable(rc) && !rc.getType().isPrimitive() ? NullableCoder.of(coder) : coder);
    }
    return RecordCoder.ofType(type, coders);
  }

  /** Whether the component carries an annotation whose simple name is {@code Nullable}. */
  private static boolean isNullable(RecordComponent rc) {
    for (Annotation[] group :
        new Annotation[][] {rc.getAnnotations(), rc.getAnnotatedType().getAnnotations()}) {
      for (Annotation a : group) {
        if (a.annotationType().getSimpleName().equals("Nullable")) {
          return true;
        }
      }
    }
    try {
      Method accessor = rc.getAccessor();
      for (Annotation a : accessor.getAnnotations()) {
        if (a.annotationType().getSimpleName().equals("Nullable")) {
          return true;
        }
      }
    } catch (SecurityException ignored) {
      // not nullable as far as we can tell
    }
    return false;
  }

  /** The coder named by {@code @DefaultCoder(coderClass)} on {@code type}'s class. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static <T> Coder<T> fromAnnotation(
      CoderRegistry registry, TypeDescriptor<T> type, Class<? extends Coder> coderClass,
      Deque<TypeDescriptor<?>> inProgress)
      throws CannotProvideCoderException {
    if (coderClass == RecordCoder.class) {
      return recordCoder(registry, type, inProgress);
    }
    String where = "@DefaultCoder(" + coderClass.getSimpleName() + ".class) on "
        + type.getRawType().getName();
    Object[][] attempts = {
      {TypeDescriptor.class, type}, {Class.class, type.getRawType()}, {null, null}
    };
    if (!(type.getType() instanceof ParameterizedType)) {
      Object[] first = attempts[0];
      attempts[0] = attempts[1];
      attempts[1] = first;
    }
    for (Object[] attempt : attempts) {
      Method m = staticOf(coderClass, (Class<?>) attempt[0]);
      if (m == null) {
        continue;
      }
      try {
        Object coder = attempt[0] == null ? m.invoke(null) : m.invoke(null, attempt[1]);
        if (!(coder instanceof Coder)) {
          throw new CannotProvideCoderException(where + ": " + m + " returned " + coder);
        }
        return (Coder<T>) coder;
      } catch (InvocationTargetException e) {
        throw new CannotProvideCoderException(
            where + ": " + coderClass.getSimpleName() + ".of(...) failed: " + e.getCause(),
            e.getCause());
      } catch (IllegalAccessException e) {
        throw new CannotProvideCoderException(where + ": cannot call " + m + ": " + e, e);
      }
    }
    throw new CannotProvideCoderException(
        where + ": the coder class has no public static method of(Class), of(TypeDescriptor) or"
            + " of(); add one that returns the coder");
  }

  private static Method staticOf(Class<?> coderClass, Class<?> parameter) {
    try {
      Method m =
          parameter == null ? coderClass.getMethod("of") : coderClass.getMethod("of", parameter);
      return Modifier.isStatic(m.getModifiers()) ? m : null;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }
}
