package dev.millrace.compliance.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PAssert.thatSingleton(...) and PAssert.thatMap(...), end to end. */
class PAssertSingletonAndMapTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  @Test
  void singletonPasses() {
    PCollection<Integer> one = p.apply(Create.of(42));
    PAssert.thatSingleton(one).isEqualTo(42).notEqualTo(41).satisfies(v -> {
      assertThat(v).isEven();
      return null;
    });
    p.run();
  }

  @Test
  void singletonMismatchShowsBothValues() {
    PAssert.thatSingleton(p.apply(Create.of("pear"))).isEqualTo("apple");
    assertThatThrownBy(p::run)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("thatSingleton.isEqualTo")
        .hasMessageContaining("Expected: apple\n  Actual: pear");
  }

  @Test
  void singletonOfAnEmptyCollectionFails() {
    PAssert.thatSingleton(p.apply(Create.empty(VarIntCoder.of()))).isEqualTo(0);
    assertThatThrownBy(p::run)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected a single element equal to 0, but the collection is empty");
  }

  @Test
  void singletonOfSeveralElementsFails() {
    PAssert.thatSingleton(p.apply(Create.of(1, 2))).isEqualTo(1);
    assertThatThrownBy(p::run)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("but the collection has 2: [1, 2]");
  }

  @Test
  void singletonNotEqualToFailsOnEqualValue() {
    PAssert.thatSingleton(p.apply(Create.of(3))).notEqualTo(3);
    assertThatThrownBy(p::run)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected a value not equal to 3");
  }

  @Test
  void singletonSatisfiesReportsTheUsersAssertion() {
    PAssert.thatSingleton(p.apply(Create.of("abc"))).satisfies(s -> {
      assertThat(s).hasSize(5);
      return null;
    });
    assertThatThrownBy(p::run)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("thatSingleton.satisfies")
        .hasMessageContaining("abc")
        .hasCauseInstanceOf(AssertionError.class);
  }

  @Test
  void mapPasses() {
    PCollection<KV<String, Integer>> kvs = p.apply(Create.of(KV.of("a", 1), KV.of("b", 2)));
    PAssert.thatMap(kvs).isEqualTo(Map.of("a", 1, "b", 2)).notEqualTo(Map.of("a", 1));
    PAssert.thatMap(kvs).satisfies(m -> {
      assertThat(m).containsEntry("b", 2);
      return null;
    });
    p.run();
  }

  @Test
  void mapMismatchIsExplained() {
    PCollection<KV<String, Integer>> kvs = p.apply(Create.of(KV.of("a", 1), KV.of("b", 3)));
    PAssert.thatMap(kvs).isEqualTo(Map.of("a", 1, "b", 2));
    assertThatThrownBy(p::run)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected map: {a=1, b=2}\n  Actual: {a=1, b=3}")
        .hasMessageContaining("Different values: [b: expected 2, actual 3]");
  }

  @Test
  void mapWithARepeatedKeyFails() {
    PCollection<KV<String, Integer>> kvs = p.apply(Create.of(KV.of("a", 1), KV.of("a", 2)));
    PAssert.thatMap(kvs).isEqualTo(Map.of("a", 1));
    assertThatThrownBy(p::run)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("the key a occurs more than once");
  }

  @Test
  void mapNeedsAKvCoder() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    PCollection<KV<String, String>> notKv =
        (PCollection) p.apply(Create.of("x").withCoder(StringUtf8Coder.of()));
    assertThatThrownBy(() -> PAssert.thatMap(notKv))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a collection with a KvCoder");
  }
}
