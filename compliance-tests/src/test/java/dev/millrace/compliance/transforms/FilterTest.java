package dev.millrace.compliance.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.coders.VarIntCoder;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.Filter;
import dev.millrace.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Filter: predicates, the comparison shorthands, coders and the empty input. */
class FilterTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  @Test
  void keepsElementsSatisfyingThePredicateWithTheInputCoder() {
    PCollection<Integer> even = p.apply(Create.of(1, 2, 3, 4, 5, 6))
        .apply(Filter.by(x -> x % 2 == 0));
    assertThat(even.getCoder()).isEqualTo(VarIntCoder.of());
    PAssert.that(even).containsInAnyOrder(2, 4, 6);
    p.run().waitUntilFinish();
  }

  @Test
  void comparisonShorthands() {
    PCollection<Integer> in = p.apply(Create.of(1, 2, 3, 4, 5));
    PAssert.that(in.apply("lt", Filter.lessThan(3))).containsInAnyOrder(1, 2);
    PAssert.that(in.apply("le", Filter.lessThanEq(3))).containsInAnyOrder(1, 2, 3);
    PAssert.that(in.apply("gt", Filter.greaterThan(3))).containsInAnyOrder(4, 5);
    PAssert.that(in.apply("ge", Filter.greaterThanEq(3))).containsInAnyOrder(3, 4, 5);
    PAssert.that(in.apply("eq", Filter.equal(3))).containsInAnyOrder(3);
    p.run().waitUntilFinish();
  }

  @Test
  void nothingPassesGivesEmpty() {
    PCollection<Integer> none = p.apply(Create.of(1, 3)).apply(Filter.by(x -> x > 10));
    PAssert.that(none).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void emptyInput() {
    PCollection<Integer> out = p.apply(Create.empty(VarIntCoder.of())).apply(Filter.by(x -> true));
    PAssert.that(out).empty();
    p.run().waitUntilFinish();
  }
}
