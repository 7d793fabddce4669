package dev.millrace.coders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which coders may encode grouping keys, and how a refusal is explained. */
class CoderDeterminismTest {
  record Key(String name, int n) {}

  record FloatKey(String name, double weight) {}

  enum Kind { A }

  static Stream<Arguments> verdicts() {
    return Stream.of(
        Arguments.of(StringUtf8Coder.of(), true),
        Arguments.of(VarIntCoder.of(), true),
        Arguments.of(VarLongCoder.of(), true),
        Arguments.of(BigEndianIntegerCoder.of(), true),
        Arguments.of(BigEndianLongCoder.of(), true),
        Arguments.of(ShortCoder.of(), true),
        Arguments.of(ByteCoder.of(), true),
        Arguments.of(BooleanCoder.of(), true),
        Arguments.of(ByteArrayCoder.of(), true),
        Arguments.of(BigIntegerCoder.of(), true),
        Arguments.of(BigDecimalCoder.of(), true),
        Arguments.of(VoidCoder.of(), true),
        Arguments.of(InstantCoder.of(), true),
        Arguments.of(DurationCoder.of(), true),
        Arguments.of(EnumCoder.of(Kind.class), true),
        Arguments.of(DoubleCoder.of(), false),
        Arguments.of(FloatCoder.of(), false),
        Arguments.of(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()), true),
        Arguments.of(KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of()), false),
        Arguments.of(KvCoder.of(DoubleCoder.of(), VarLongCoder.of()), false),
        Arguments.of(ListCoder.of(StringUtf8Coder.of()), true),
        Arguments.of(ListCoder.of(FloatCoder.of()), false),
        Arguments.of(IterableCoder.of(VarIntCoder.of()), true),
        Arguments.of(SetCoder.of(VarIntCoder.of()), false),
        Arguments.of(MapCoder.of(StringUtf8Coder.of(), VarIntCoder.of()), false),
        Arguments.of(NullableCoder.of(StringUtf8Coder.of()), true),
        Arguments.of(NullableCoder.of(DoubleCoder.of()), false),
        Arguments.of(OptionalCoder.of(VarIntCoder.of()), true),
        Arguments.of(RecordCoder.of(Key.class), true),
        Arguments.of(RecordCoder.of(FloatKey.class), false),
        Arguments.of(JsonCoder.of(Key.class), false),
        Arguments.of(SerializableCoder.of(String.class), false),
        Arguments.of(DelegateCoder.of(StringUtf8Coder.of(), Object::toString, s -> s), true));
  }

  @ParameterizedTest(name = "{0} deterministic: {1}")
  @MethodSource("verdicts")
  void verdict(Coder<?> coder, boolean deterministic) {
    assertThat(coder.isDeterministic()).isEqualTo(deterministic);
    if (deterministic) {
      org.assertj.core.api.Assertions.assertThatCode(coder::verifyDeterministic)
          .doesNotThrowAnyException();
    } else {
      assertThatThrownBy(coder::verifyDeterministic)
          .isInstanceOf(NonDeterministicException.class)
          .hasMessageStartingWith(coder + " is not deterministic")
          .hasMessageContaining("Grouping keys need a deterministic coder");
    }
  }

  @Test
  void nestedFailureNamesTheComponentAndItsReason() {
    Coder<?> coder = KvCoder.of(StringUtf8Coder.of(), ListCoder.of(DoubleCoder.of()));
    assertThatThrownBy(coder::verifyDeterministic)
        .isInstanceOf(NonDeterministicException.class)
        .hasMessageContaining("KvCoder(StringUtf8Coder, ListCoder(DoubleCoder)) is not deterministic")
        .hasMessageContaining("its value coder ListCoder(DoubleCoder)")
        .hasMessageContaining("DoubleCoder")
        .hasMessageContaining("floating-point")
        .cause()
        .isInstanceOf(NonDeterministicException.class)
        .hasMessageContaining("ListCoder(DoubleCoder) is not deterministic");
  }

  @Test
  void recordFailureNamesTheComponent() {
    assertThatThrownBy(() -> RecordCoder.of(FloatKey.class).verifyDeterministic())
        .hasMessageContaining("RecordCoder<FloatKey>(StringUtf8Coder, DoubleCoder)")
        .hasMessageContaining("component 'weight'")
        .hasMessageContaining("DoubleCoder");
  }

  @Test
  void setAndMapExplainTheAlternative() {
    assertThatThrownBy(() -> SetCoder.of(VarIntCoder.of()).verifyDeterministic())
        .hasMessageContaining("sorted List");
    assertThatThrownBy(() -> MapCoder.of(VarIntCoder.of(), VarIntCoder.of()).verifyDeterministic())
        .hasMessageContaining("List<KV<K, V>>");
  }

  @Test
  void customCoderIsNotDeterministicUnlessItSaysSo() {
    Coder<String> custom =
        new AtomicCoder<String>() {
          @Override
          public void encode(String value, java.io.OutputStream out) {}

          @Override
          public String decode(java.io.InputStream in) {
            return "";
          }
        };
    assertThat(custom.isDeterministic()).isFalse();
    assertThatThrownBy(custom::verifyDeterministic).hasMessageContaining("verifyDeterministic");
  }
}
