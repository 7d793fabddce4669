package dev.millrace.values;

import com.google.common.base.Preconditions;
import com.google.common.reflect.TypeToken;
import java.io.Serializable;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * A description of a Java type, including its generic arguments, that survives erasure. Used to
 * declare the element type of a collection (for coder inference) where Java's erasure would
 * otherwise lose it, for example {@code MapElements.into(...)}.
 *
 * <p>Capture a generic type with an anonymous subclass, or describe a plain class with
 * {@link #of(Class)}:
 *
 * <pre>{@code
 * TypeDescriptor<List<String>> listOfStrings = new TypeDescriptor<List<String>>() {};
 * TypeDescriptor<String> string = TypeDescriptor.of(String.class);
 * }</pre>
 *
 * <p>Two descriptors are equal when they describe the same type. Descriptors are serialisable as
 * long as the type contains no type variables; an anonymous subclass does not drag its enclosing
 * instance into the serialised form.
 *
 * @param <T> the described type
 */
public abstract class TypeDescriptor<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final TypeToken<T> token;

  /**
   * Captures the type argument of the anonymous subclass being created, e.g. {@code new
   * TypeDescriptor<KV<String, Long>>() {}}.
   */
  @SuppressWarnings("unchecked")
  protected TypeDescriptor() {
    Type superclass = getClass().getGenericSuperclass();
    Preconditions.checkState(
        superclass instanceof ParameterizedType,
        "%s must be created with a type argument, e.g. new TypeDescriptor<List<String>>() {}",
        getClass().getName());
    this.token =
        (TypeToken<T>) TypeToken.of(((ParameterizedType) superclass).getActualTypeArguments()[0]);
  }

  private TypeDescriptor(TypeToken<T> token) {
    this.token = token;
  }

  /** Describes a (non-generic, or raw) class. */
  @SuppressWarnings("unchecked")
  public static <T> TypeDescriptor<T> of(Class<T> type) {
    Preconditions.checkNotNull(type, "type");
    return new Simple<>(TypeToken.of(type));
  }

  /** Describes an arbitrary reflective type, e.g. one obtained from a field or method. */
  public static TypeDescriptor<?> of(Type type) {
    Preconditions.checkNotNull(type, "type");
    return new Simple<>(TypeToken.of(type));
  }

  /** The described type, with its generic arguments. */
  public Type getType() {
    return token.getType();
  }

  /** The erasure of the described type, e.g. {@code List.class} for {@code List<String>}. */
  public Class<? super T> getRawType() {
    return token.getRawType();
  }

  /**
   * Resolves {@code type} in the context of this type, e.g. resolving {@code List}'s type
   * parameter {@code E} against {@code ArrayList<String>} gives {@code String}.
   */
  public TypeDescriptor<?> resolveType(Type type) {
    return new Simple<>(token.resolveType(type));
  }

  /**
   * The generic form of a supertype of this type, e.g. {@code Iterable<String>} for {@code
   * ArrayList<String>} and {@code Iterable.class}.
   */
  public TypeDescriptor<? super T> getSupertype(Class<? super T> superclass) {
    return new Simple<>(token.getSupertype(superclass));
  }

  /**
   * The type arguments of this type in declaration order ({@code [String, Long]} for {@code
   * KV<String, Long>}); empty for a non-parameterised type.
   */
  public List<TypeDescriptor<?>> getTypeArguments() {
    List<TypeDescriptor<?>> result = new ArrayList<>();
    if (getType() instanceof ParameterizedType pt) {
      for (Type arg : pt.getActualTypeArguments()) {
        result.add(of(arg));
      }
    }
    return result;
  }

  /** Whether this type is a subtype of (or the same as) {@code parent}. */
  public boolean isSubtypeOf(TypeDescriptor<?> parent) {
    return token.isSubtypeOf(parent.token);
  }

  /** Whether this type is a supertype of (or the same as) {@code child}. */
  public boolean isSupertypeOf(TypeDescriptor<?> child) {
    return token.isSupertypeOf(child.token);
  }

  /** Whether this is an array type. */
  public boolean isArray() {
    return token.isArray();
  }

  /**
   * Whether the type contains a type variable or wildcard anywhere (for example {@code List<T>}
   * captured inside a generic method), which makes it useless for coder inference.
   */
  public boolean hasUnresolvedParameters() {
    return !dev.millrace.internal.TypeTokens.isConcrete(getType());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TypeDescriptor<?> other && token.equals(other.token);
  }

  @Override
  public int hashCode() {
    return token.hashCode();
  }

  /** The type's name as Java writes it, e.g. {@code java.util.List<java.lang.String>}. */
  @Override
  public String toString() {
    return token.toString();
  }

  /**
   * Replaces anonymous subclasses by a plain descriptor when serialised, so that the enclosing
   * instance of an anonymous class is not serialised with it.
   */
  protected final Object writeReplace() {
    return getClass() == Simple.class ? this : new Simple<>(token);
  }

  /** The concrete descriptor behind {@link #of}. */
  private static final class Simple<T> extends TypeDescriptor<T> {
    private static final long serialVersionUID = 1L;

    Simple(TypeToken<T> token) {
      super(token);
    }
  }
}
