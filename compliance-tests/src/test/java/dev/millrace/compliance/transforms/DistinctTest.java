package dev.millrace.compliance.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.Distinct;
import dev.millrace.transforms.MapElements;
import dev.millrace.values.PCollection;
import dev.millrace.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Distinct: plain and by representative value, and the empty input. */
@Requires(Capability.COMBINE)
class DistinctTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  @Test
  void removesDuplicates() {
    PCollection<String> out = p.apply(Create.of("a", "b", "a", "c", "b", "a"))
        .apply(Distinct.create());
    assertThat(out.getCoder()).isEqualTo(StringUtf8Coder.of());
    PAssert.that(out).containsInAnyOrder("a", "b", "c");
    p.run().waitUntilFinish();
  }

  @Test
  void keepsOneElementPerRepresentativeValue() {
    PCollection<String> out = p.apply(Create.of("ab", "cd", "xyz", "q"))
        .apply(Distinct.withRepresentativeValueFn((String s) -> s.length())
            .withRepresentativeType(TypeDescriptors.integers()));
    PCollection<Integer> lengths =
        out.apply(MapElements.into(TypeDescriptors.integers()).via(String::length));
    PAssert.that(lengths).containsInAnyOrder(1, 2, 3);
    p.run().waitUntilFinish();
  }

  @Test
  void emptyInput() {
    PAssert.that(p.apply(Create.empty(StringUtf8Coder.of())).apply(Distinct.create())).empty();
    p.run().waitUntilFinish();
  }
}
