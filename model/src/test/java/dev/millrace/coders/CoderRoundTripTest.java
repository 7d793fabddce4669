package dev.millrace.coders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.values.KV;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every coder round-trips its values, including extremes and empties, and is self-delimiting. */
class CoderRoundTripTest {

  enum Color { RED, GREEN, BLUE }

  record Point(int x, int y) {}

  static Map<String, Integer> orderedMap() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("z", 1);
    m.put("a", null);
    m.put("", -5);
    return m;
  }

  static Stream<Arguments> cases() {
    String big = "x".repeat(70_000) + "é";
    return Stream.of(
        Arguments.of(StringUtf8Coder.of(), List.of("", "a", "héllo", "日本語", "😀 emoji", "\u0000",
            "a".repeat(300), big, "mixed ascii then ü then 𝄞")),
        Arguments.of(VarIntCoder.of(), List.of(0, 1, -1, 127, 128, 16383, 16384,
            Integer.MAX_VALUE, Integer.MIN_VALUE)),
        Arguments.of(VarLongCoder.of(), List.of(0L, 1L, -1L, 127L, 128L, Long.MAX_VALUE,
            Long.MIN_VALUE, 1L << 62)),
        Arguments.of(BigEndianIntegerCoder.of(), List.of(0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE)),
        Arguments.of(BigEndianLongCoder.of(), List.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE)),
        Arguments.of(DoubleCoder.of(), List.of(0.0, -0.0, 1.5, Double.NaN, Double.MAX_VALUE,
            Double.MIN_VALUE, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)),
        Arguments.of(FloatCoder.of(), List.of(0f, -0f, 1.5f, Float.NaN, Float.MAX_VALUE,
            Float.MIN_VALUE, Float.NEGATIVE_INFINITY)),
        Arguments.of(BooleanCoder.of(), List.of(true, false)),
        Arguments.of(ByteCoder.of(), List.of((byte) 0, (byte) -1, Byte.MAX_VALUE, Byte.MIN_VALUE)),
        Arguments.of(ShortCoder.of(), List.of((short) 0, (short) -1, Short.MAX_VALUE, Short.MIN_VALUE)),
        Arguments.of(ByteArrayCoder.of(), List.of(new byte[0], new byte[] {0, -1, 127},
            new byte[1000])),
        Arguments.of(BigIntegerCoder.of(), List.of(BigInteger.ZERO, BigInteger.ONE.negate(),
            BigInteger.TWO.pow(200), BigInteger.TWO.pow(200).negate())),
        Arguments.of(BigDecimalCoder.of(), List.of(BigDecimal.ZERO, new BigDecimal("1.0"),
            new BigDecimal("1.00"), new BigDecimal("-123456789012345678901234567890.123456789"),
            new BigDecimal("1E+300"))),
        Arguments.of(VoidCoder.of(), Arrays.asList(null, null)),
        Arguments.of(InstantCoder.of(), List.of(Instant.EPOCH, Instant.MIN, Instant.MAX,
            Instant.ofEpochSecond(-1, 999_999_999), Instant.parse("2024-02-29T12:34:56.789123456Z"))),
        Arguments.of(DurationCoder.of(), List.of(Duration.ZERO, Duration.ofMillis(-1),
            Duration.ofNanos(1), Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
            Duration.ofSeconds(Long.MIN_VALUE), Duration.ofDays(-3))),
        Arguments.of(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()),
            List.of(KV.of("", 0L), KV.of("key", -7L))),
        Arguments.of(KvCoder.of(NullableCoder.of(StringUtf8Coder.of()), NullableCoder.of(VarIntCoder.of())),
            List.of(KV.of(null, null), KV.of("k", null), KV.of(null, 3))),
        Arguments.of(ListCoder.of(StringUtf8Coder.of()), List.of(List.of(), List.of("a", "b", "a"),
            new ArrayList<>(List.of("x")))),
        Arguments.of(ListCoder.of(NullableCoder.of(VarIntCoder.of())),
            List.of(Arrays.asList(1, null, 3), Arrays.asList((Integer) null))),
        Arguments.of(SetCoder.of(VarIntCoder.of()), List.of(Set.of(), new LinkedHashSet<>(List.of(3, 1, 2)))),
        Arguments.of(MapCoder.of(StringUtf8Coder.of(), NullableCoder.of(VarIntCoder.of())),
            List.of(Map.of(), orderedMap())),
        Arguments.of(IterableCoder.of(VarLongCoder.of()), List.of(List.of(), List.of(1L, 2L, 3L))),
        Arguments.of(NullableCoder.of(StringUtf8Coder.of()), Arrays.asList(null, "", "x")),
        Arguments.of(OptionalCoder.of(VarIntCoder.of()), List.of(Optional.empty(), Optional.of(0))),
        Arguments.of(EnumCoder.of(Color.class), List.of(Color.RED, Color.BLUE)),
        Arguments.of(RecordCoder.of(Point.class), List.of(new Point(0, 0), new Point(-1, Integer.MAX_VALUE))),
        Arguments.of(DelegateCoder.of(StringUtf8Coder.of(), (java.util.UUID u) -> u.toString(),
            java.util.UUID::fromString), List.of(new java.util.UUID(1, 2), new java.util.UUID(-1, 0))),
        Arguments.of(ListCoder.of(KvCoder.of(StringUtf8Coder.of(), ListCoder.of(ByteArrayCoder.of()))),
            List.of(List.of(KV.of("a", List.of(new byte[] {1}, new byte[0]))))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  <T> void roundTripsEveryValue(Coder<T> coder, List<T> values) throws Exception {
    for (T v : values) {
      CoderTester.roundTrip(coder, v);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  <T> void isSelfDelimiting(Coder<T> coder, List<T> values) throws Exception {
    CoderTester.selfDelimiting(coder, values);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  <T> void survivesJavaSerialization(Coder<T> coder, List<T> values) throws Exception {
    Coder<T> copy = CoderTester.serializedCopy(coder);
    for (T v : values) {
      CoderTester.roundTrip(copy, v);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  <T> void truncatedInputFailsWithCoderException(Coder<T> coder, List<T> values) throws Exception {
    for (T v : values) {
      byte[] bytes = CoderUtils.encodeToByteArray(coder, v);
      if (bytes.length == 0) {
        continue;
      }
      byte[] cut = Arrays.copyOf(bytes, bytes.length - 1);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> CoderUtils.decodeFromByteArray(coder, cut))
          .as("%s on %s truncated", coder, v)
          .isInstanceOf(CoderException.class);
    }
  }

  @org.junit.jupiter.api.Test
  void setsAndMapsDecodeInEncodedOrder() throws Exception {
    Set<Integer> set = new LinkedHashSet<>(List.of(3, 1, 2));
    assertThat(CoderUtils.clone(SetCoder.of(VarIntCoder.of()), set)).containsExactly(3, 1, 2);
    Map<String, Integer> map = orderedMap();
    assertThat(CoderUtils.clone(MapCoder.of(StringUtf8Coder.of(), NullableCoder.of(VarIntCoder.of())), map).keySet())
        .containsExactly("z", "a", "");
  }

  @org.junit.jupiter.api.Test
  void iterableCoderEncodesNonCollectionIterables() throws Exception {
    Iterable<Long> lazy = () -> List.of(5L, 6L).iterator();
    Iterable<Long> back = CoderUtils.clone(IterableCoder.of(VarLongCoder.of()), lazy);
    assertThat(back).containsExactly(5L, 6L);
  }
}
