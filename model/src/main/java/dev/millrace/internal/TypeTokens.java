package dev.millrace.internal;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;

/** Small reflection helpers on {@link Type}s. Internal. */
public final class TypeTokens {
  private TypeTokens() {}

  /**
   * The concrete type bound to {@code generic}'s type parameter {@code index} by the class of
   * {@code instance}, or null when it is unresolved (e.g. erased by a lambda).
   */
  public static Type typeArgument(Object instance, Class<?> generic, int index) {
    Type t =
        com.google.common.reflect.TypeToken.of(instance.getClass())
            .resolveType(generic.getTypeParameters()[index])
            .getType();
    return isConcrete(t) ? t : null;
  }

  /** Whether the type has no unresolved type variables or wildcards anywhere inside. */
  public static boolean isConcrete(Type type) {
    if (type instanceof Class<?>) {
      return true;
    }
    if (type instanceof ParameterizedType pt) {
      for (Type arg : pt.getActualTypeArguments()) {
        if (!isConcrete(arg)) {
          return false;
        }
      }
      return true;
    }
    if (type instanceof GenericArrayType ga) {
      return isConcrete(ga.getGenericComponentType());
    }
    return !(type instanceof TypeVariable<?>) && !(type instanceof WildcardType);
  }
}
