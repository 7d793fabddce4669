package dev.millrace.compliance.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PAssert.thatMultimap(...): each key with all of its values, compared in any order with
 * duplicates counting.
 */
class PAssertMultimapTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  private PCollection<KV<String, Integer>> kvs() {
    return p.apply(Create.of(KV.of("a", 1), KV.of("b", 2), KV.of("a", 3), KV.of("a", 1)));
  }

  @Test
  void multimapPassesWithValuesInAnyOrder() {
    PCollection<KV<String, Integer>> kvs = kvs();
    PAssert.thatMultimap(kvs)
        .isEqualTo(Map.of("a", List.of(3, 1, 1), "b", List.of(2)))
        .notEqualTo(Map.of("a", List.of(1, 3), "b", List.of(2)));
    PAssert.thatMultimap(kvs).satisfies(m -> {
      assertThat(m).containsOnlyKeys("a", "b");
      assertThat(m.get("a")).containsExactlyInAnyOrder(1, 1, 3);
      return null;
    });
    PAssert.thatMultimap(p.apply("Empty", Create.<KV<String, Integer>>empty(kvs.getCoder())))
        .isEqualTo(Map.of());
    p.run();
  }

  @Test
  void multimapMismatchIsExplainedKeyByKey() {
    Map<String, Iterable<Integer>> expected = new LinkedHashMap<>();
    expected.put("a", List.of(1, 3));
    expected.put("c", List.of(4));
    PAssert.thatMultimap(kvs()).isEqualTo(expected);
    assertThatThrownBy(p::run)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("thatMultimap.isEqualTo")
        .hasMessageContaining("Expected multimap: {a=[1, 3], c=[4]}\n"
            + "  Actual: {a=[1, 1, 3], b=[2]}\n"
            + "  Missing keys: [c]\n"
            + "  Unexpected keys: [b]\n"
            + "  Different values (in any order): [a: expected [1, 3], actual [1, 1, 3]]");
  }

  @Test
  void multimapNotEqualToFailsOnAnEqualMultimap() {
    PAssert.thatMultimap(kvs()).notEqualTo(Map.of("a", List.of(1, 1, 3), "b", List.of(2)));
    assertThatThrownBy(p::run)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected a multimap not equal to {a=[1, 1, 3], b=[2]}");
  }

  @Test
  void anExpectedKeyWithoutValuesIsRejected() {
    PCollection<KV<String, Integer>> kvs = kvs();
    assertThatThrownBy(() -> PAssert.thatMultimap(kvs).isEqualTo(Map.of("a", List.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the expected key a has no values")
        .hasMessageContaining("Leave the key out.");
  }

  @Test
  void multimapNeedsAKvCoder() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    PCollection<KV<String, String>> notKv =
        (PCollection) p.apply(Create.of("x").withCoder(StringUtf8Coder.of()));
    assertThatThrownBy(() -> PAssert.thatMultimap(notKv))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PAssert.thatMultimap needs a collection with a KvCoder");
  }
}
