package dev.millrace.compliance.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.coders.ListCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.ToString;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ToString.elements, kvs and iterables, with default and custom delimiters. */
class ToStringTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  @Test
  void elements() {
    PCollection<String> out = p.apply(Create.of(1, 22)).apply(ToString.elements());
    assertThat(out.getCoder()).isEqualTo(StringUtf8Coder.of());
    PAssert.that(out).containsInAnyOrder("1", "22");
    p.run().waitUntilFinish();
  }

  @Test
  void kvsWithDefaultAndCustomDelimiter() {
    PCollection<KV<String, Integer>> in = p.apply(Create.of(KV.of("a", 1), KV.of("b", 2)));
    PAssert.that(in.apply("default", ToString.kvs())).containsInAnyOrder("a,1", "b,2");
    PAssert.that(in.apply("custom", ToString.kvs(": "))).containsInAnyOrder("a: 1", "b: 2");
    p.run().waitUntilFinish();
  }

  @Test
  void iterables() {
    PCollection<List<Integer>> in = p.apply(Create.of(List.of(1, 2, 3), List.<Integer>of())
        .withCoder(ListCoder.of(VarIntCoder.of())));
    PAssert.that(in.apply("default", ToString.iterables())).containsInAnyOrder("1,2,3", "");
    PAssert.that(in.apply("custom", ToString.iterables("|"))).containsInAnyOrder("1|2|3", "");
    p.run().waitUntilFinish();
  }

  @Test
  void emptyInput() {
    PAssert.that(p.apply(Create.empty(VarIntCoder.of())).apply(ToString.elements())).empty();
    p.run().waitUntilFinish();
  }
}
