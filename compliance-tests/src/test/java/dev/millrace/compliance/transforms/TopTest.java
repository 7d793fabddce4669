package dev.millrace.compliance.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.coders.ListCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.Top;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Top: largest, smallest, comparator and per-key forms; output sorted; fewer and no inputs. */
@Requires(Capability.COMBINE)
class TopTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  @Test
  void largestAndSmallestAreSorted() {
    PCollection<Integer> in = p.apply(Create.of(4, 9, 1, 7, 3, 9));
    PCollection<List<Integer>> largest = in.apply("largest", Top.largest(3));
    assertThat(largest.getCoder()).isEqualTo(ListCoder.of(VarIntCoder.of()));
    PAssert.thatSingleton(largest).isEqualTo(List.of(9, 9, 7));
    PAssert.thatSingleton(in.apply("smallest", Top.smallest(2))).isEqualTo(List.of(1, 3));
    p.run().waitUntilFinish();
  }

  @Test
  void withComparator() {
    PCollection<List<String>> longest = p.apply(Create.of("a", "abcd", "abc", "ab"))
        .apply(Top.of(2, (String x, String y) -> Integer.compare(x.length(), y.length())));
    PAssert.thatSingleton(longest).isEqualTo(List.of("abcd", "abc"));
    p.run().waitUntilFinish();
  }

  @Test
  void fewerThanNGivesAllAndEmptyGivesEmptyList() {
    PAssert.thatSingleton(p.apply("few", Create.of(2, 1)).apply("top", Top.largest(5)))
        .isEqualTo(List.of(2, 1));
    PAssert.thatSingleton(p.apply("none", Create.empty(VarIntCoder.of()))
        .apply("topEmpty", Top.largest(5))).isEqualTo(List.of());
    p.run().waitUntilFinish();
  }

  @Test
  void perKey() {
    PCollection<KV<String, Integer>> in = p.apply(Create.of(
        KV.of("a", 1), KV.of("a", 5), KV.of("a", 3), KV.of("b", 2)));
    PAssert.that(in.apply("largest", Top.largestPerKey(2)))
        .containsInAnyOrder(KV.of("a", List.of(5, 3)), KV.of("b", List.of(2)));
    PAssert.that(in.apply("smallest", Top.smallestPerKey(2)))
        .containsInAnyOrder(KV.of("a", List.of(1, 3)), KV.of("b", List.of(2)));
    PAssert.that(in.apply("cmp", Top.<String, Integer>perKey(1, (x, y) -> Integer.compare(y, x))))
        .containsInAnyOrder(KV.of("a", List.of(1)), KV.of("b", List.of(2)));
    p.run().waitUntilFinish();
  }

  @Test
  void largestOfManyElements() {
    java.util.List<String> many = new java.util.ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      many.add(String.format("%05d", i));
    }
    PCollection<List<String>> top = p.apply(Create.of(many)).apply(Top.largest(3));
    assertThat(top.getCoder()).isEqualTo(ListCoder.of(StringUtf8Coder.of()));
    PAssert.thatSingleton(top).isEqualTo(List.of("04999", "04998", "04997"));
    p.run().waitUntilFinish();
  }
}
