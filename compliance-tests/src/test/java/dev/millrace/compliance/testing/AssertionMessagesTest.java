package dev.millrace.compliance.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.millrace.coders.AtomicCoder;
import dev.millrace.coders.Coder;
import dev.millrace.coders.DoubleCoder;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.NullableCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.testing.internal.AssertionFailure;
import dev.millrace.testing.internal.ContainsInAnyOrderCheck;
import dev.millrace.testing.internal.Contents;
import dev.millrace.testing.internal.ContentsCheck;
import dev.millrace.testing.internal.MapCheck;
import dev.millrace.testing.internal.SingletonCheck;
import dev.millrace.values.KV;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The diffs PAssert's checks report, checked without a runner: exact texts for the common cases,
 * multiset semantics, truncation, and equality by encoding rather than {@code equals}.
 */
class AssertionMessagesTest {

  static Stream<Arguments> containsInAnyOrderCases() {
    return Stream.of(
        Arguments.of("one missing, one unexpected", List.of("a", "b", "c"), List.of("a", "b", "d"),
            "Expected (in any order): [a, b, c]\n  Actual: [a, b, d]\n  Missing: [c]\n"
                + "  Unexpected: [d]"),
        Arguments.of("only missing", List.of("a", "b"), List.of("b"),
            "Expected (in any order): [a, b]\n  Actual: [b]\n  Missing: [a]"),
        Arguments.of("only unexpected", List.of("a"), List.of("a", "z"),
            "Expected (in any order): [a]\n  Actual: [a, z]\n  Unexpected: [z]"),
        Arguments.of("duplicates count", List.of("a", "a", "b"), List.of("a", "b", "b"),
            "Expected (in any order): [a, a, b]\n  Actual: [a, b, b]\n"
                + "  Missing: [a (expected 2, actual 1)]\n"
                + "  Unexpected: [b (expected 1, actual 2)]"),
        Arguments.of("missing several copies", List.of("x", "x"), List.of(),
            "Expected (in any order): [x, x]\n  Actual: []\n  Missing: [x (expected 2, actual 0)]"),
        Arguments.of("expected empty", List.of(), List.of("q", "p"),
            "Expected an empty collection\n  Actual: [p, q]\n  Unexpected: [p, q]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("containsInAnyOrderCases")
  void containsInAnyOrderReportsADiff(
      String name, List<String> expected, List<String> actual, String message) {
    ContainsInAnyOrderCheck<String> check =
        new ContainsInAnyOrderCheck<>(Contents.encode(StringUtf8Coder.of(), expected));
    assertThat(failure(check, StringUtf8Coder.of(), actual)).isEqualTo(message);
  }

  @Test
  void containsInAnyOrderPassesRegardlessOfOrder() {
    ContainsInAnyOrderCheck<String> check =
        new ContainsInAnyOrderCheck<>(Contents.encode(StringUtf8Coder.of(), List.of("a", "b", "a")));
    assertThatCode(() -> check.check(contents(StringUtf8Coder.of(), List.of("b", "a", "a")),
        StringUtf8Coder.of())).doesNotThrowAnyException();
  }

  @Test
  void numbersAreSortedNumericallyAndNullsAreShown() {
    Coder<Integer> coder = NullableCoder.of(VarIntCoder.of());
    ContainsInAnyOrderCheck<Integer> check =
        new ContainsInAnyOrderCheck<>(Contents.encode(coder, Arrays.asList(10, 9, null)));
    assertThat(failure(check, coder, Arrays.asList(9, 100)))
        .isEqualTo("Expected (in any order): [null, 9, 10]\n  Actual: [9, 100]\n"
            + "  Missing: [null, 10]\n  Unexpected: [100]");
  }

  @Test
  void bigCollectionsAreTruncated() {
    List<Integer> expected = new ArrayList<>();
    List<Integer> actual = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      expected.add(i);
      actual.add(i == 999 ? 5000 : i);
    }
    actual.add(7);
    ContainsInAnyOrderCheck<Integer> check =
        new ContainsInAnyOrderCheck<>(Contents.encode(VarIntCoder.of(), expected));
    String message = failure(check, VarIntCoder.of(), actual);
    assertThat(message)
        .startsWith("Expected (in any order): [0, 1, 2, 3, ")
        .contains("49, … (950 more, 1000 in total)]")
        .contains("  Actual: [0, 1, 2, ")
        .contains("… (951 more, 1001 in total)]")
        .contains("  Sizes: expected 1000, actual 1001")
        .contains("  Missing: [999]")
        .contains("  Unexpected: [7 (expected 1, actual 2), 5000]");
    assertThat(message.length()).isLessThan(1000);
  }

  @Test
  void longElementsAreCut() {
    String huge = "x".repeat(10_000);
    ContainsInAnyOrderCheck<String> check =
        new ContainsInAnyOrderCheck<>(Contents.encode(StringUtf8Coder.of(), List.of(huge)));
    String message = failure(check, StringUtf8Coder.of(), List.of("y"));
    assertThat(message).contains("more chars)").hasSizeLessThan(1000);
  }

  @Test
  void equalityUsesTheEncodingWhenTheCoderIsDeterministic() {
    // NoEquals has identity equals; its deterministic coder makes equal encodings equal elements.
    ContainsInAnyOrderCheck<NoEquals> check = new ContainsInAnyOrderCheck<>(
        Contents.encode(NoEqualsCoder.INSTANCE, List.of(new NoEquals(1), new NoEquals(1))));
    assertThatCode(() -> check.check(
        contents(NoEqualsCoder.INSTANCE, List.of(new NoEquals(1), new NoEquals(1))),
        NoEqualsCoder.INSTANCE)).doesNotThrowAnyException();
    assertThat(failure(check, NoEqualsCoder.INSTANCE, List.of(new NoEquals(1), new NoEquals(2))))
        .contains("Missing: [NoEquals(1) (expected 2, actual 1)]")
        .contains("Unexpected: [NoEquals(2)]");
  }

  @Test
  void nonDeterministicCodersFallBackToEquals() {
    SingletonCheck<Double> nan = SingletonCheck.isEqualTo(encode(DoubleCoder.of(), Double.NaN));
    assertThatCode(() -> nan.check(contents(DoubleCoder.of(), List.of(Double.NaN)), DoubleCoder.of()))
        .doesNotThrowAnyException();
  }

  static Stream<Arguments> singletonCases() {
    return Stream.of(
        Arguments.of("not equal", SingletonCheck.<Integer>isEqualTo(encode(VarIntCoder.of(), 3)),
            List.of(4), "Expected: 3\n  Actual: 4"),
        Arguments.of("empty", SingletonCheck.<Integer>isEqualTo(encode(VarIntCoder.of(), 3)),
            List.of(), "Expected a single element equal to 3, but the collection is empty"),
        Arguments.of("several", SingletonCheck.<Integer>isEqualTo(encode(VarIntCoder.of(), 3)),
            List.of(3, 1), "Expected a single element equal to 3, but the collection has 2: [1, 3]"),
        Arguments.of("equal but should not be",
            SingletonCheck.<Integer>notEqualTo(encode(VarIntCoder.of(), 3)), List.of(3),
            "Expected a value not equal to 3\n  Actual: 3"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("singletonCases")
  void singletonChecksExplainFailures(
      String name, SingletonCheck<Integer> check, List<Integer> actual, String message) {
    assertThat(failure(check, VarIntCoder.of(), actual)).isEqualTo(message);
  }

  @Test
  void mapCheckListsMissingUnexpectedAndDifferentEntries() {
    KvCoder<String, Integer> coder = KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of());
    MapCheck<String, Integer> check = MapCheck.isEqualTo(Contents.encode(coder,
        List.of(KV.of("a", 1), KV.of("b", 2), KV.of("c", 3))));
    String message = failure(check, coder, List.of(KV.of("a", 1), KV.of("b", 5), KV.of("d", 4)));
    assertThat(message)
        .startsWith("Expected map: {a=1, b=2, c=3}\n  Actual: {a=1, b=5, d=4}")
        .contains("Missing entries: [" + KV.of("c", 3) + "]")
        .contains("Unexpected entries: [" + KV.of("d", 4) + "]")
        .contains("Different values: [b: expected 2, actual 5]");
  }

  @Test
  void mapCheckRejectsRepeatedKeys() {
    KvCoder<String, Integer> coder = KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of());
    MapCheck<String, Integer> check = MapCheck.isEqualTo(List.of());
    assertThat(failure(check, coder, List.of(KV.of("k", 1), KV.of("k", 2))))
        .contains("the key k occurs more than once (values 1 and 2)");
  }

  @Test
  void mapCheckPassesForAnEqualMap() {
    KvCoder<String, Integer> coder = KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of());
    MapCheck<String, Integer> check = MapCheck.isEqualTo(Contents.encode(coder,
        List.of(KV.of("a", 1), KV.of("b", 2))));
    assertThatCode(() -> check.check(contents(coder, List.of(KV.of("b", 2), KV.of("a", 1))), coder))
        .doesNotThrowAnyException();
    MapCheck<String, Integer> notEqual = MapCheck.notEqualTo(Contents.encode(coder,
        List.of(KV.of("a", 1))));
    assertThat(failure(notEqual, coder, List.of(KV.of("a", 1))))
        .isEqualTo("Expected a map not equal to {a=1}\n  Actual: {a=1}");
  }

  private static <T> String failure(ContentsCheck<T> check, Coder<T> coder, List<T> actual) {
    AssertionFailure f = catchThrowableOfType(AssertionFailure.class,
        () -> check.check(contents(coder, actual), coder));
    assertThat(f).as("the check should have failed").isNotNull();
    return f.getMessage();
  }

  private static <T> Contents<T> contents(Coder<T> coder, List<T> values) {
    return Contents.decode(coder, Contents.encode(coder, values));
  }

  private static <T> byte[] encode(Coder<T> coder, T value) {
    List<T> one = new ArrayList<>();
    one.add(value);
    return Contents.encode(coder, one).get(0);
  }

  /** A value class without equals. */
  static final class NoEquals {
    final int n;

    NoEquals(int n) {
      this.n = n;
    }

    @Override
    public String toString() {
      return "NoEquals(" + n + ")";
    }
  }

  /** A deterministic coder for {@link NoEquals}. */
  static final class NoEqualsCoder extends AtomicCoder<NoEquals> {
    static final NoEqualsCoder INSTANCE = new NoEqualsCoder();

    @Override
    public void encode(NoEquals value, OutputStream out) throws IOException {
      new DataOutputStream(out).writeInt(value.n);
    }

    @Override
    public NoEquals decode(InputStream in) throws IOException {
      return new NoEquals(new DataInputStream(in).readInt());
    }

    @Override
    public void verifyDeterministic() {}
  }
}
