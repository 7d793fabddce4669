package dev.millrace.compliance.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.Create;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Count.globally, perKey and perElement, including empty inputs. */
@Requires(Capability.COMBINE)
class CountTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  @Test
  void globally() {
    PCollection<Long> n = p.apply(Create.of("a", "b", "a")).apply(Count.globally());
    assertThat(n.getCoder()).isEqualTo(VarLongCoder.of());
    PAssert.thatSingleton(n).isEqualTo(3L);
    p.run().waitUntilFinish();
  }

  @Test
  void globallyOfEmptyIsZero() {
    PCollection<Long> n = p.apply(Create.empty(StringUtf8Coder.of())).apply(Count.globally());
    PAssert.thatSingleton(n).isEqualTo(0L);
    p.run().waitUntilFinish();
  }

  @Test
  void perKey() {
    PCollection<KV<String, Long>> counts =
        p.apply(Create.of(KV.of("a", 1), KV.of("b", 1), KV.of("a", 7))).apply(Count.perKey());
    assertThat(counts.getCoder()).isEqualTo(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
    PAssert.that(counts).containsInAnyOrder(KV.of("a", 2L), KV.of("b", 1L));
    p.run().waitUntilFinish();
  }

  @Test
  void perElement() {
    PCollection<KV<Integer, Long>> counts =
        p.apply(Create.of(1, 2, 2, 3, 3, 3)).apply(Count.perElement());
    assertThat(counts.getCoder()).isEqualTo(KvCoder.of(VarIntCoder.of(), VarLongCoder.of()));
    PAssert.that(counts).containsInAnyOrder(KV.of(1, 1L), KV.of(2, 2L), KV.of(3, 3L));
    p.run().waitUntilFinish();
  }

  @Test
  void perElementAndPerKeyOfEmptyAreEmpty() {
    PAssert.that(p.apply("e1", Create.empty(VarIntCoder.of())).apply(Count.perElement())).empty();
    PAssert.that(p.apply("e2", Create.empty(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of())))
        .apply(Count.perKey())).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void perElementOfManyElements() {
    java.util.List<Integer> many = new java.util.ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      many.add(i % 7);
    }
    PCollection<KV<Integer, Long>> counts = p.apply(Create.of(many)).apply(Count.perElement());
    PAssert.that(counts).containsInAnyOrder(KV.of(0, 1429L), KV.of(1, 1429L), KV.of(2, 1429L),
        KV.of(3, 1429L), KV.of(4, 1428L), KV.of(5, 1428L), KV.of(6, 1428L));
    p.run().waitUntilFinish();
  }
}
