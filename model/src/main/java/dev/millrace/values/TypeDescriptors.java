package dev.millrace.values;

import com.google.common.base.Preconditions;
import com.google.common.reflect.TypeParameter;
import com.google.common.reflect.TypeToken;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ready-made {@link TypeDescriptor}s for common types, and builders for generic ones, so that
 * element types can be declared without anonymous classes:
 *
 * <pre>{@code
 * words.apply(MapElements.into(kvs(strings(), integers())).via(w -> KV.of(w, w.length())));
 * }</pre>
 */
public final class TypeDescriptors {
  private TypeDescriptors() {}

  /** {@code String}. */
  public static TypeDescriptor<String> strings() {
    return TypeDescriptor.of(String.class);
  }

  /** {@code Integer}. */
  public static TypeDescriptor<Integer> integers() {
    return TypeDescriptor.of(Integer.class);
  }

  /** {@code Long}. */
  public static TypeDescriptor<Long> longs() {
    return TypeDescriptor.of(Long.class);
  }

  /** {@code Short}. */
  public static TypeDescriptor<Short> shorts() {
    return TypeDescriptor.of(Short.class);
  }

  /** {@code Double}. */
  public static TypeDescriptor<Double> doubles() {
    return TypeDescriptor.of(Double.class);
  }

  /** {@code Float}. */
  public static TypeDescriptor<Float> floats() {
    return TypeDescriptor.of(Float.class);
  }

  /** {@code Boolean}. */
  public static TypeDescriptor<Boolean> booleans() {
    return TypeDescriptor.of(Boolean.class);
  }

  /** {@code Byte} (a single byte, as in Beam); see {@link #byteArrays()} for {@code byte[]}. */
  public static TypeDescriptor<Byte> bytes() {
    return TypeDescriptor.of(Byte.class);
  }

  /** {@code byte[]}. */
  public static TypeDescriptor<byte[]> byteArrays() {
    return TypeDescriptor.of(byte[].class);
  }

  /** {@code Character}. */
  public static TypeDescriptor<Character> characters() {
    return TypeDescriptor.of(Character.class);
  }

  /** {@code BigDecimal}. */
  public static TypeDescriptor<BigDecimal> bigdecimals() {
    return TypeDescriptor.of(BigDecimal.class);
  }

  /** {@code BigInteger}. */
  public static TypeDescriptor<BigInteger> bigintegers() {
    return TypeDescriptor.of(BigInteger.class);
  }

  /** {@code Void}, the type of collections whose elements carry no data (always null). */
  public static TypeDescriptor<Void> voids() {
    return TypeDescriptor.of(Void.class);
  }

  /** {@code java.time.Instant}. */
  public static TypeDescriptor<Instant> instants() {
    return TypeDescriptor.of(Instant.class);
  }

  /** {@code java.time.Duration}. */
  public static TypeDescriptor<Duration> durations() {
    return TypeDescriptor.of(Duration.class);
  }

  /** {@code KV<K, V>}. */
  public static <K, V> TypeDescriptor<KV<K, V>> kvs(
      TypeDescriptor<K> key, TypeDescriptor<V> value) {
    TypeToken<KV<K, V>> t =
        new TypeToken<KV<K, V>>() {}.where(new TypeParameter<K>() {}, token(key))
            .where(new TypeParameter<V>() {}, token(value));
    return wrap(t);
  }

  /** {@code List<T>}. */
  public static <T> TypeDescriptor<List<T>> lists(TypeDescriptor<T> element) {
    return wrap(new TypeToken<List<T>>() {}.where(new TypeParameter<T>() {}, token(element)));
  }

  /** {@code Set<T>}. */
  public static <T> TypeDescriptor<Set<T>> sets(TypeDescriptor<T> element) {
    return wrap(new TypeToken<Set<T>>() {}.where(new TypeParameter<T>() {}, token(element)));
  }

  /** {@code Iterable<T>}. */
  public static <T> TypeDescriptor<Iterable<T>> iterables(TypeDescriptor<T> element) {
    return wrap(new TypeToken<Iterable<T>>() {}.where(new TypeParameter<T>() {}, token(element)));
  }

  /** {@code Optional<T>}. */
  public static <T> TypeDescriptor<Optional<T>> optionals(TypeDescriptor<T> element) {
    return wrap(new TypeToken<Optional<T>>() {}.where(new TypeParameter<T>() {}, token(element)));
  }

  /** {@code Map<K, V>}. */
  public static <K, V> TypeDescriptor<Map<K, V>> maps(
      TypeDescriptor<K> key, TypeDescriptor<V> value) {
    TypeToken<Map<K, V>> t =
        new TypeToken<Map<K, V>>() {}.where(new TypeParameter<K>() {}, token(key))
            .where(new TypeParameter<V>() {}, token(value));
    return wrap(t);
  }

  /**
   * The type that {@code instance}'s class binds to type parameter {@code index} of its generic
   * superclass or interface {@code genericSupertype}: for an instance of {@code class Parse
   * extends DoFn<String, Integer>}, {@code typeArgument(fn, DoFn.class, 1)} is {@code Integer}.
   *
   * @return the type, or null when it is not known: the class does not bind it to a concrete
   *     type (e.g. a lambda, whose functional interface is erased, or a generic class)
   */
  public static TypeDescriptor<?> typeArgument(
      Object instance, Class<?> genericSupertype, int index) {
    Preconditions.checkNotNull(instance, "instance");
    TypeVariable<?>[] params = genericSupertype.getTypeParameters();
    Preconditions.checkArgument(
        index >= 0 && index < params.length,
        "%s has %s type parameters; index %s is out of range",
        genericSupertype.getName(),
        params.length,
        index);
    Preconditions.checkArgument(
        genericSupertype.isInstance(instance),
        "%s is not a %s",
        instance.getClass().getName(),
        genericSupertype.getName());
    Type resolved = TypeToken.of(instance.getClass()).resolveType(params[index]).getType();
    TypeDescriptor<?> td = TypeDescriptor.of(resolved);
    return td.hasUnresolvedParameters() ? null : td;
  }

  @SuppressWarnings("unchecked")
  private static <T> TypeToken<T> token(TypeDescriptor<T> td) {
    Preconditions.checkNotNull(td, "type descriptor");
    return (TypeToken<T>) TypeToken.of(td.getType());
  }

  @SuppressWarnings("unchecked")
  private static <T> TypeDescriptor<T> wrap(TypeToken<T> t) {
    return (TypeDescriptor<T>) TypeDescriptor.of(t.getType());
  }
}
