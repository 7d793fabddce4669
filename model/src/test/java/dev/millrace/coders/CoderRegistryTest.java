package dev.millrace.coders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.values.KV;
import dev.millrace.values.TypeDescriptor;
import dev.millrace.values.TypeDescriptors;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Coder inference: standard types, generics, records, annotations, registrations, failures. */
class CoderRegistryTest {
  private final CoderRegistry registry = CoderRegistry.createDefault();

  @Retention(RetentionPolicy.RUNTIME)
  @interface Nullable {}

  record Score(String user, int points, long time) {}

  record Pair<A, B>(A first, B second) {}

  record WithNullable(@Nullable String team, int n) {}

  record Nested(Pair<String, List<Integer>> pair, Optional<Instant> when) {}

  record Node(String name, List<Node> children) {}

  static class Plain {}

  record HoldsPlain(String id, Plain plain) {}

  @DefaultCoder(JsonCoder.class)
  public static class JsonPojo {
    public String name;
  }

  @DefaultCoder(SerializableCoder.class)
  static class Legacy implements Serializable {}

  @DefaultCoder(NoFactoryCoder.class)
  static class BadAnnotation {}

  static class NoFactoryCoder extends AtomicCoder<BadAnnotation> {
    @Override
    public void encode(BadAnnotation value, OutputStream out) {}

    @Override
    public BadAnnotation decode(InputStream in) {
      return new BadAnnotation();
    }
  }

  enum Level { LOW, HIGH }

  static Stream<Arguments> inferred() {
    return Stream.of(
        Arguments.of(TypeDescriptors.strings(), StringUtf8Coder.of()),
        Arguments.of(TypeDescriptors.integers(), VarIntCoder.of()),
        Arguments.of(TypeDescriptor.of(int.class), VarIntCoder.of()),
        Arguments.of(TypeDescriptors.longs(), VarLongCoder.of()),
        Arguments.of(TypeDescriptor.of(long.class), VarLongCoder.of()),
        Arguments.of(TypeDescriptors.shorts(), ShortCoder.of()),
        Arguments.of(TypeDescriptors.bytes(), ByteCoder.of()),
        Arguments.of(TypeDescriptors.doubles(), DoubleCoder.of()),
        Arguments.of(TypeDescriptors.floats(), FloatCoder.of()),
        Arguments.of(TypeDescriptors.booleans(), BooleanCoder.of()),
        Arguments.of(TypeDescriptors.byteArrays(), ByteArrayCoder.of()),
        Arguments.of(TypeDescriptor.of(BigInteger.class), BigIntegerCoder.of()),
        Arguments.of(TypeDescriptor.of(BigDecimal.class), BigDecimalCoder.of()),
        Arguments.of(TypeDescriptors.voids(), VoidCoder.of()),
        Arguments.of(TypeDescriptor.of(Instant.class), InstantCoder.of()),
        Arguments.of(TypeDescriptor.of(Duration.class), DurationCoder.of()),
        Arguments.of(TypeDescriptor.of(Level.class), EnumCoder.of(Level.class)),
        Arguments.of(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()),
            KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())),
        Arguments.of(new TypeDescriptor<KV<String, List<Map<String, Set<Long>>>>>() {},
            KvCoder.of(StringUtf8Coder.of(),
                ListCoder.of(MapCoder.of(StringUtf8Coder.of(), SetCoder.of(VarLongCoder.of()))))),
        Arguments.of(new TypeDescriptor<Iterable<byte[]>>() {}, IterableCoder.of(ByteArrayCoder.of())),
        Arguments.of(new TypeDescriptor<Collection<Integer>>() {}, ListCoder.of(VarIntCoder.of())),
        Arguments.of(new TypeDescriptor<java.util.ArrayList<Integer>>() {}, ListCoder.of(VarIntCoder.of())),
        Arguments.of(new TypeDescriptor<Optional<Double>>() {}, OptionalCoder.of(DoubleCoder.of())),
        Arguments.of(TypeDescriptor.of(Score.class),
            RecordCoder.of(Score.class, StringUtf8Coder.of(), VarIntCoder.of(), VarLongCoder.of())),
        Arguments.of(TypeDescriptor.of(WithNullable.class),
            RecordCoder.of(WithNullable.class, NullableCoder.of(StringUtf8Coder.of()), VarIntCoder.of())),
        Arguments.of(TypeDescriptor.of(JsonPojo.class), JsonCoder.of(JsonPojo.class)),
        Arguments.of(TypeDescriptor.of(Legacy.class), SerializableCoder.of(Legacy.class)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("inferred")
  void infersStandardAndStructuredTypes(TypeDescriptor<?> type, Coder<?> expected)
      throws Exception {
    assertThat(registry.getCoder(type)).isEqualTo(expected);
  }

  @Test
  void infersGenericRecordsFromTheirTypeArguments() throws Exception {
    TypeDescriptor<Pair<String, List<Long>>> type = new TypeDescriptor<Pair<String, List<Long>>>() {};
    Coder<Pair<String, List<Long>>> coder = registry.getCoder(type);
    assertThat(List.<Object>copyOf(coder.getCoderArguments()))
        .containsExactly(StringUtf8Coder.of(), ListCoder.of(VarLongCoder.of()));
    assertThat(coder.getEncodedTypeDescriptor()).isEqualTo(type);
    Pair<String, List<Long>> value = new Pair<>("a", List.of(1L, 2L));
    assertThat(CoderUtils.clone(coder, value)).isEqualTo(value);
    assertThat(coder.isDeterministic()).isTrue();

    Coder<Nested> nested = registry.getCoder(Nested.class);
    Nested n = new Nested(new Pair<>("x", List.of(3)), Optional.of(Instant.EPOCH));
    assertThat(CoderUtils.clone(nested, n)).isEqualTo(n);
  }

  @Test
  void inferredCodersSurviveJavaSerialization() throws Exception {
    Coder<Pair<String, List<Long>>> coder =
        registry.getCoder(new TypeDescriptor<Pair<String, List<Long>>>() {});
    Coder<Pair<String, List<Long>>> copy = CoderTester.serializedCopy(coder);
    CoderTester.roundTrip(copy, new Pair<>("z", List.of(9L)));
    CoderTester.serializedCopy(registry.getCoder(new TypeDescriptor<KV<String, Optional<Level>>>() {}));
    CoderTester.serializedCopy(JsonCoder.of(new TypeDescriptor<Map<String, List<Score>>>() {}));
  }

  @Test
  void nullableRecordComponentsAcceptNull() throws Exception {
    Coder<WithNullable> coder = registry.getCoder(WithNullable.class);
    assertThat(CoderUtils.clone(coder, new WithNullable(null, 3))).isEqualTo(new WithNullable(null, 3));
  }

  @Test
  void getCoderByClass() throws Exception {
    assertThat(registry.getCoder(String.class)).isEqualTo(StringUtf8Coder.of());
    assertThat(registry.getCoder(Score.class)).isInstanceOf(RecordCoder.class);
  }

  @Test
  void registrationsTakePrecedence() throws Exception {
    registry.registerCoderForClass(Long.class, BigEndianLongCoder.of());
    assertThat(registry.getCoder(TypeDescriptors.lists(TypeDescriptors.longs())))
        .isEqualTo(ListCoder.of(BigEndianLongCoder.of()));
    registry.registerCoderForClass(Plain.class, DelegateCoder.of(VoidCoder.of(), p -> null, v -> new Plain()));
    assertThat(registry.getCoder(HoldsPlain.class).getCoderArguments().get(1))
        .isInstanceOf(DelegateCoder.class);
    TypeDescriptor<List<String>> listOfStrings = TypeDescriptors.lists(TypeDescriptors.strings());
    Coder<List<String>> custom = DelegateCoder.of(StringUtf8Coder.of(),
        l -> String.join(",", l), s -> List.of(s.split(",")));
    registry.registerCoderForType(listOfStrings, custom);
    assertThat(registry.getCoder(listOfStrings)).isSameAs(custom);
    assertThat(registry.getCoder(TypeDescriptors.lists(TypeDescriptors.integers())))
        .isEqualTo(ListCoder.of(VarIntCoder.of()));
  }

  @Test
  void providersAreConsultedNewestFirstWithComponentCoders() throws Exception {
    registry.registerCoderProvider(new CoderProvider() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> Coder<T> coderFor(TypeDescriptor<T> type, List<? extends Coder<?>> components)
          throws CannotProvideCoderException {
        if (type.getRawType() != Set.class) {
          throw new CannotProvideCoderException("not a set");
        }
        return (Coder<T>) ListCoder.of(components.get(0));
      }
    });
    assertThat(registry.getCoder(TypeDescriptors.sets(TypeDescriptors.strings())))
        .isEqualTo(ListCoder.of(StringUtf8Coder.of()));
    registry.registerCoderProvider(
        CoderProviders.forCoder(TypeDescriptors.sets(TypeDescriptors.strings()), VoidCoder.of()));
    assertThat(registry.getCoder(TypeDescriptors.sets(TypeDescriptors.strings())))
        .isEqualTo(VoidCoder.of());
    assertThat(registry.getCoder(TypeDescriptors.strings())).isEqualTo(StringUtf8Coder.of());
  }

  @Test
  void unknownClassFailsWithTheFix() {
    assertThatThrownBy(() -> registry.getCoder(Plain.class))
        .isInstanceOf(CannotProvideCoderException.class)
        .hasMessageContaining("Cannot provide a coder for " + Plain.class.getName())
        .hasMessageContaining("not a record")
        .hasMessageContaining(".setCoder(...)")
        .hasMessageContaining("registerCoderForClass")
        .hasMessageContaining("@DefaultCoder(JsonCoder.class)")
        .hasMessageContaining("SerializableCoder.of(Plain.class) explicitly");
  }

  @Test
  void nestedFailureNamesThePathToTheMissingCoder() {
    assertThatThrownBy(() -> registry.getCoder(new TypeDescriptor<KV<String, List<Plain>>>() {}))
        .hasMessageStartingWith("Cannot provide a coder for dev.millrace.values.KV<java.lang.String, java.util.List<")
        .hasMessageContaining("no coder for its type argument java.util.List<" + Plain.class.getName() + ">")
        .hasMessageContaining("no coder for its type argument " + Plain.class.getName())
        .hasMessageContaining("registerCoderForClass");
    assertThatThrownBy(() -> registry.getCoder(HoldsPlain.class))
        .hasMessageContaining("no coder for component 'plain' (of type " + Plain.class.getName()
            + ") of record " + HoldsPlain.class.getName());
  }

  @Test
  <T> void typeVariablesAndRawTypesFail() {
    assertThatThrownBy(() -> registry.getCoder(new TypeDescriptor<List<T>>() {}))
        .hasMessageContaining("type variable or wildcard")
        .hasMessageContaining("TypeDescriptors");
    assertThatThrownBy(() -> registry.getCoder(List.class))
        .hasMessageContaining("raw type java.util.List");
    assertThatThrownBy(() -> registry.getCoder(Pair.class))
        .hasMessageContaining("generic record");
    assertThatThrownBy(() -> registry.getCoder(String[].class))
        .hasMessageContaining("use a List instead of an array");
  }

  @Test
  void recursiveRecordsFailClearly() {
    assertThatThrownBy(() -> registry.getCoder(Node.class))
        .hasMessageContaining("recursive");
  }

  @Test
  void defaultCoderWithoutFactoryExplainsWhatIsNeeded() {
    assertThatThrownBy(() -> registry.getCoder(BadAnnotation.class))
        .hasMessageContaining("@DefaultCoder(NoFactoryCoder.class)")
        .hasMessageContaining("of(Class)");
  }

  @Test
  void recordCoderOfClassReportsComponentFailures() {
    assertThatThrownBy(() -> RecordCoder.of(HoldsPlain.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("component 'plain'");
  }
}
