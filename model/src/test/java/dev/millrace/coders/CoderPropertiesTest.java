package dev.millrace.coders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.values.KV;
import dev.millrace.values.TypeDescriptor;
import dev.millrace.values.TypeDescriptors;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Encoding formats, structural values, equality, names and error messages of the coders. */
class CoderPropertiesTest {
  record Pair(String a, long b) {}

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "héllo wörld", "日本語", "😀", "a\uD800b", "\uDC00", "x\uD83D"})
  void stringEncodingIsLengthPrefixedUtf8LikeGetBytes(String s) throws Exception {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    VarInts.writeInt(utf8.length, expected);
    expected.write(utf8);
    assertThat(CoderUtils.encodeToByteArray(StringUtf8Coder.of(), s))
        .isEqualTo(expected.toByteArray());
  }

  static Stream<Arguments> varIntSizes() {
    return Stream.of(
        Arguments.of(0L, 1), Arguments.of(127L, 1), Arguments.of(128L, 2),
        Arguments.of(16383L, 2), Arguments.of(16384L, 3), Arguments.of(-1L, 10),
        Arguments.of(Long.MAX_VALUE, 9));
  }

  @ParameterizedTest
  @MethodSource("varIntSizes")
  void varLongSizes(long value, int size) throws Exception {
    assertThat(CoderUtils.encodeToByteArray(VarLongCoder.of(), value)).hasSize(size);
  }

  @Test
  void varIntUsesFiveBytesForNegatives() throws Exception {
    assertThat(CoderUtils.encodeToByteArray(VarIntCoder.of(), -1)).hasSize(5);
    assertThat(CoderUtils.encodeToByteArray(VarIntCoder.of(), 300)).containsExactly(0xAC, 0x02);
  }

  @Test
  void malformedVarIntIsRejected() {
    byte[] tooLong = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1};
    assertThatThrownBy(() -> CoderUtils.decodeFromByteArray(VarIntCoder.of(), tooLong))
        .isInstanceOf(CoderException.class)
        .hasMessageContaining("Malformed");
  }

  @Test
  void instantEncodingSortsInTimeOrder() throws Exception {
    List<Instant> times = List.of(Instant.MIN, Instant.ofEpochSecond(-5, 3),
        Instant.ofEpochSecond(-1, 999_999_999), Instant.EPOCH, Instant.ofEpochMilli(1), Instant.MAX);
    List<byte[]> encoded = new ArrayList<>();
    for (Instant t : times) {
      encoded.add(CoderUtils.encodeToByteArray(InstantCoder.of(), t));
    }
    for (int i = 1; i < encoded.size(); i++) {
      assertThat(java.util.Arrays.compareUnsigned(encoded.get(i - 1), encoded.get(i)))
          .as("%s < %s", times.get(i - 1), times.get(i))
          .isNegative();
    }
  }

  @Test
  void nullsAreRejectedWithAHintUnlessNullable() throws Exception {
    assertThatThrownBy(() -> CoderUtils.encodeToByteArray(StringUtf8Coder.of(), null))
        .isInstanceOf(CoderException.class)
        .hasMessageContaining("StringUtf8Coder")
        .hasMessageContaining("NullableCoder.of");
    assertThatThrownBy(
            () -> CoderUtils.encodeToByteArray(
                KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()), KV.of("a", null)))
        .hasMessageContaining("VarIntCoder");
    assertThat(CoderUtils.encodeToByteArray(NullableCoder.of(VarIntCoder.of()), null))
        .containsExactly(0);
  }

  @Test
  void decodingRejectsTrailingBytes() {
    byte[] twoInts = {1, 2};
    assertThatThrownBy(() -> CoderUtils.decodeFromByteArray(VarIntCoder.of(), twoInts))
        .isInstanceOf(CoderException.class)
        .hasMessageContaining("VarIntCoder decoded a value from 1 of 2 bytes")
        .hasMessageContaining("different coder");
  }

  @Test
  void booleanRejectsOtherBytes() {
    assertThatThrownBy(() -> CoderUtils.decodeFromByteArray(BooleanCoder.of(), new byte[] {7}))
        .isInstanceOf(CoderException.class);
  }

  @Test
  void byteArrayStructuralValueComparesContentsAndIsACopy() {
    byte[] a = {1, 2, 3};
    Object sa = ByteArrayCoder.of().structuralValue(a);
    assertThat(sa).isEqualTo(ByteArrayCoder.of().structuralValue(new byte[] {1, 2, 3}));
    assertThat(sa.hashCode()).isEqualTo(ByteArrayCoder.of().structuralValue(new byte[] {1, 2, 3}).hashCode());
    a[0] = 9; // a later mutation must be detectable
    assertThat(sa).isNotEqualTo(ByteArrayCoder.of().structuralValue(a));
    assertThat(ByteArrayCoder.of().consistentWithEquals()).isFalse();
  }

  @Test
  void structuralValues() {
    assertThat(StringUtf8Coder.of().structuralValue("x")).isEqualTo("x");
    KvCoder<byte[], String> kv = KvCoder.of(ByteArrayCoder.of(), StringUtf8Coder.of());
    assertThat(kv.structuralValue(KV.of(new byte[] {4}, "v")))
        .isEqualTo(kv.structuralValue(KV.of(new byte[] {4}, "v")));
    ListCoder<byte[]> list = ListCoder.of(ByteArrayCoder.of());
    assertThat(list.structuralValue(List.of(new byte[] {1})))
        .isEqualTo(list.structuralValue(List.of(new byte[] {1})))
        .isNotEqualTo(list.structuralValue(List.of(new byte[] {2})));
    Coder<Iterable<Integer>> it = IterableCoder.of(VarIntCoder.of());
    assertThat(it.structuralValue(List.of(1, 2))).isInstanceOf(StructuralByteArray.class)
        .isEqualTo(it.structuralValue(new ArrayList<>(List.of(1, 2))));
    assertThat(NullableCoder.of(ByteArrayCoder.of()).structuralValue(null)).isNull();
  }

  static Stream<Arguments> consistency() {
    return Stream.of(
        Arguments.of(StringUtf8Coder.of(), true),
        Arguments.of(DoubleCoder.of(), true),
        Arguments.of(ByteArrayCoder.of(), false),
        Arguments.of(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()), true),
        Arguments.of(KvCoder.of(StringUtf8Coder.of(), ByteArrayCoder.of()), false),
        Arguments.of(ListCoder.of(VarIntCoder.of()), true),
        Arguments.of(IterableCoder.of(VarIntCoder.of()), false),
        Arguments.of(SetCoder.of(VarIntCoder.of()), false),
        Arguments.of(RecordCoder.of(Pair.class), true),
        Arguments.of(JsonCoder.of(Pair.class), false));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("consistency")
  void consistentWithEquals(Coder<?> coder, boolean expected) {
    assertThat(coder.consistentWithEquals()).isEqualTo(expected);
  }

  @Test
  void namesPrintTheStructure() {
    assertThat(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .hasToString("KvCoder(StringUtf8Coder, VarLongCoder)");
    assertThat(ListCoder.of(NullableCoder.of(InstantCoder.of())))
        .hasToString("ListCoder(NullableCoder(InstantCoder))");
    assertThat(MapCoder.of(StringUtf8Coder.of(), SetCoder.of(VarIntCoder.of())))
        .hasToString("MapCoder(StringUtf8Coder, SetCoder(VarIntCoder))");
    assertThat(RecordCoder.of(Pair.class)).hasToString("RecordCoder<Pair>(StringUtf8Coder, VarLongCoder)");
    assertThat(JsonCoder.of(Pair.class))
        .hasToString("JsonCoder(dev.millrace.coders.CoderPropertiesTest$Pair)");
  }

  @Test
  void equalityIsStructural() {
    assertThat(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .isEqualTo(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .hasSameHashCodeAs(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .isNotEqualTo(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()))
        .isNotEqualTo(MapCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    assertThat(ListCoder.of(VarIntCoder.of())).isNotEqualTo(IterableCoder.of(VarIntCoder.of()));
    assertThat(NullableCoder.of(NullableCoder.of(VarIntCoder.of())))
        .isEqualTo(NullableCoder.of(VarIntCoder.of()));
    assertThat(JsonCoder.of(Pair.class)).isEqualTo(JsonCoder.of(Pair.class));
  }

  @Test
  void encodedTypeDescriptors() {
    assertThat(StringUtf8Coder.of().getEncodedTypeDescriptor()).isEqualTo(TypeDescriptors.strings());
    assertThat(ByteArrayCoder.of().getEncodedTypeDescriptor()).isEqualTo(TypeDescriptors.byteArrays());
    assertThat(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(VarLongCoder.of())).getEncodedTypeDescriptor())
        .isEqualTo(new TypeDescriptor<KV<String, List<Long>>>() {});
    assertThat(SetCoder.of(InstantCoder.of()).getEncodedTypeDescriptor())
        .isEqualTo(new TypeDescriptor<Set<Instant>>() {});
    assertThat(RecordCoder.of(Pair.class).getEncodedTypeDescriptor()).isEqualTo(TypeDescriptor.of(Pair.class));
    assertThat(DelegateCoder.of(StringUtf8Coder.of(), Object::toString, s -> s).getEncodedTypeDescriptor())
        .isNull();
  }

  @Test
  void cloneMakesADeepCopy() throws Exception {
    List<byte[]> original = new ArrayList<>(List.of(new byte[] {1}));
    List<byte[]> copy = CoderUtils.clone(ListCoder.of(ByteArrayCoder.of()), original);
    assertThat(copy).isNotSameAs(original);
    assertThat(copy.get(0)).isNotSameAs(original.get(0)).containsExactly(1);
  }

  @Test
  void recordCoderExplainsNullComponents() {
    assertThatThrownBy(() -> CoderUtils.encodeToByteArray(RecordCoder.of(Pair.class), new Pair(null, 1)))
        .isInstanceOf(CoderException.class)
        .hasMessageContaining("Component 'a' of record " + Pair.class.getName() + " is null")
        .hasMessageContaining("@Nullable");
  }

  @Test
  void recordCoderValidatesItsArguments() {
    assertThatThrownBy(() -> RecordCoder.of(Pair.class, StringUtf8Coder.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 2 components but 1 coders");
    assertThatThrownBy(() -> RecordCoder.of(String.class, List.of()))
        .hasMessageContaining("is not a record");
  }

  @Test
  void delegateCoderReportsConversionFailures() {
    DelegateCoder<String, Integer> c = DelegateCoder.of(VarIntCoder.of(), Integer::parseInt, String::valueOf);
    assertThatThrownBy(() -> CoderUtils.encodeToByteArray(c, "nope"))
        .isInstanceOf(CoderException.class)
        .hasMessageContaining("NumberFormatException");
  }
}
