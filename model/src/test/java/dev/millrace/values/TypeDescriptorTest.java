package dev.millrace.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TypeDescriptorTest {

  /** A generic base class, standing in for DoFn. */
  abstract static class Fn<I, O> implements Serializable {}

  static class Parse extends Fn<String, List<Integer>> {}

  static class Middle<X> extends Fn<X, Long> {}

  static class Leaf extends Middle<Instant> {}

  interface SerFn<I, O> extends Function<I, O>, Serializable {}

  static class Length implements SerFn<String, Integer> {
    @Override
    public Integer apply(String s) {
      return s.length();
    }
  }

  @Test
  void capturesGenericTypeFromAnonymousSubclass() {
    TypeDescriptor<List<String>> td = new TypeDescriptor<List<String>>() {};
    assertThat(td.getRawType()).isEqualTo(List.class);
    assertThat(td.getType().getTypeName()).isEqualTo("java.util.List<java.lang.String>");
    assertThat(td.toString()).isEqualTo("java.util.List<java.lang.String>");
    assertThat(td.getTypeArguments()).containsExactly(TypeDescriptor.of(String.class));
    assertThat(td.hasUnresolvedParameters()).isFalse();
  }

  @Test
  void equalityIsByType() {
    TypeDescriptor<List<String>> a = new TypeDescriptor<List<String>>() {};
    TypeDescriptor<List<String>> b = new TypeDescriptor<List<String>>() {};
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(new TypeDescriptor<List<Integer>>() {});
    assertThat(TypeDescriptor.of(String.class)).isEqualTo(TypeDescriptors.strings());
    assertThat(TypeDescriptor.of((Type) String.class)).isEqualTo(TypeDescriptors.strings());
  }

  static Stream<Arguments> builders() {
    TypeDescriptor<String> s = TypeDescriptors.strings();
    TypeDescriptor<Long> l = TypeDescriptors.longs();
    return Stream.of(
        Arguments.of(TypeDescriptors.kvs(s, l), new TypeDescriptor<KV<String, Long>>() {}),
        Arguments.of(TypeDescriptors.lists(s), new TypeDescriptor<List<String>>() {}),
        Arguments.of(TypeDescriptors.sets(l), new TypeDescriptor<Set<Long>>() {}),
        Arguments.of(TypeDescriptors.maps(s, l), new TypeDescriptor<Map<String, Long>>() {}),
        Arguments.of(TypeDescriptors.iterables(s), new TypeDescriptor<Iterable<String>>() {}),
        Arguments.of(TypeDescriptors.optionals(s), new TypeDescriptor<Optional<String>>() {}),
        Arguments.of(
            TypeDescriptors.kvs(s, TypeDescriptors.lists(TypeDescriptors.kvs(l, s))),
            new TypeDescriptor<KV<String, List<KV<Long, String>>>>() {}),
        Arguments.of(TypeDescriptors.byteArrays(), TypeDescriptor.of(byte[].class)),
        Arguments.of(TypeDescriptors.bytes(), TypeDescriptor.of(Byte.class)),
        Arguments.of(TypeDescriptors.voids(), TypeDescriptor.of(Void.class)),
        Arguments.of(TypeDescriptors.instants(), TypeDescriptor.of(Instant.class)));
  }

  @ParameterizedTest
  @MethodSource("builders")
  void buildersMatchCapturedTypes(TypeDescriptor<?> built, TypeDescriptor<?> captured) {
    assertThat(built).isEqualTo(captured).hasSameHashCodeAs(captured);
    assertThat(built.hasUnresolvedParameters()).isFalse();
  }

  @Test
  void resolvesTypeVariablesAndSupertypes() {
    TypeDescriptor<ArrayList<String>> td = new TypeDescriptor<ArrayList<String>>() {};
    assertThat(td.resolveType(List.class.getTypeParameters()[0]))
        .isEqualTo(TypeDescriptors.strings());
    assertThat(td.getSupertype(Iterable.class)).isEqualTo(TypeDescriptors.iterables(TypeDescriptors.strings()));
    assertThat(td.isSubtypeOf(TypeDescriptors.iterables(TypeDescriptors.strings()))).isTrue();
    assertThat(TypeDescriptors.iterables(TypeDescriptors.strings()).isSupertypeOf(td)).isTrue();
  }

  @Test
  <T> void typeVariablesAreUnresolved() {
    TypeDescriptor<List<T>> td = new TypeDescriptor<List<T>>() {};
    assertThat(td.hasUnresolvedParameters()).isTrue();
    assertThat(new TypeDescriptor<List<? extends Number>>() {}.hasUnresolvedParameters()).isTrue();
  }

  @Test
  void rejectsMissingTypeArgument() {
    @SuppressWarnings({"rawtypes", "unchecked"})
    class Raw extends TypeDescriptor {}
    assertThatThrownBy(Raw::new).hasMessageContaining("type argument");
  }

  @Test
  void anonymousDescriptorSerializesWithoutItsEnclosingInstance() throws Exception {
    // This test class is not Serializable; the anonymous subclass captures it.
    TypeDescriptor<KV<String, List<Long>>> td = new TypeDescriptor<KV<String, List<Long>>>() {};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(td);
    }
    Object back =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())).readObject();
    assertThat(back).isEqualTo(td);
  }

  @Test
  void typeArgumentReadsBoundTypeParameters() {
    assertThat(TypeDescriptors.typeArgument(new Parse(), Fn.class, 0))
        .isEqualTo(TypeDescriptors.strings());
    assertThat(TypeDescriptors.typeArgument(new Parse(), Fn.class, 1))
        .isEqualTo(TypeDescriptors.lists(TypeDescriptors.integers()));
    assertThat(TypeDescriptors.typeArgument(new Leaf(), Fn.class, 0))
        .isEqualTo(TypeDescriptors.instants());
    assertThat(TypeDescriptors.typeArgument(new Leaf(), Fn.class, 1))
        .isEqualTo(TypeDescriptors.longs());
    assertThat(TypeDescriptors.typeArgument(new Length(), SerFn.class, 1))
        .isEqualTo(TypeDescriptors.integers());
    assertThat(TypeDescriptors.typeArgument(new Length(), Function.class, 0))
        .isEqualTo(TypeDescriptors.strings());
  }

  @Test
  void typeArgumentIsNullWhenErased() {
    SerFn<String, Integer> lambda = String::length;
    assertThat(TypeDescriptors.typeArgument(lambda, SerFn.class, 0)).isNull();
    assertThat(TypeDescriptors.typeArgument(lambda, SerFn.class, 1)).isNull();
    assertThat(TypeDescriptors.typeArgument(new Middle<String>(), Fn.class, 0)).isNull();
    assertThat(TypeDescriptors.typeArgument(new Middle<String>(), Fn.class, 1))
        .isEqualTo(TypeDescriptors.longs());
  }

  @Test
  void typeArgumentValidatesArguments() {
    assertThatThrownBy(() -> TypeDescriptors.typeArgument(new Parse(), Fn.class, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> TypeDescriptors.typeArgument("x", Fn.class, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a");
  }
}
