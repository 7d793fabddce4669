package dev.millrace.compliance.transforms;

import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.Distinct;
import dev.millrace.transforms.Filter;
import dev.millrace.transforms.Flatten;
import dev.millrace.transforms.MapElements;
import dev.millrace.transforms.Sample;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TypeDescriptors;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sample.any, fixedSizeGlobally and fixedSizePerKey: sizes, membership, empty inputs. */
@Requires(Capability.COMBINE)
class SampleTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  private static List<Integer> range(int n) {
    List<Integer> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(i);
    }
    return l;
  }

  private static int size(Iterable<?> it) {
    int n = 0;
    for (Object o : it) {
      n++;
    }
    return n;
  }

  @Test
  void anyTakesAtMostTheLimitOfInputElements() {
    PCollection<Integer> in = p.apply(Create.of(range(100)));
    PCollection<Integer> some = in.apply("any", Sample.any(7));
    PAssert.thatSingleton(some.apply("count", Count.globally())).isEqualTo(7L);
    PAssert.that(some.apply("outside", Filter.by(x -> x < 0 || x >= 100))).empty();
    PCollection<Integer> all = in.apply("anyMore", Sample.any(1000));
    PAssert.thatSingleton(all.apply("countAll", Count.globally())).isEqualTo(100L);
    p.run().waitUntilFinish();
  }

  @Test
  void fixedSizeGloballyIsOneIterableOfDistinctInputs() {
    PCollection<Iterable<Integer>> sample =
        p.apply(Create.of(range(50))).apply(Sample.fixedSizeGlobally(5));
    PCollection<Integer> flat = sample.apply(Flatten.iterables());
    PAssert.thatSingleton(flat.apply("count", Count.globally())).isEqualTo(5L);
    PAssert.thatSingleton(flat.apply(Distinct.create()).apply("countDistinct", Count.globally()))
        .isEqualTo(5L);
    PAssert.that(flat.apply(Filter.by(x -> x < 0 || x >= 50))).empty();
    p.run().waitUntilFinish();
  }

  @Test
  void fixedSizeGloballyOfFewerOrNoElements() {
    PCollection<Integer> few = p.apply("few", Create.of(1, 2))
        .apply("sampleFew", Sample.fixedSizeGlobally(5))
        .apply("sizeFew", MapElements.into(TypeDescriptors.integers()).via(SampleTest::size));
    PAssert.thatSingleton(few).isEqualTo(2);
    PCollection<Integer> none = p.apply("none", Create.empty(VarIntCoder.of()))
        .apply("sampleNone", Sample.fixedSizeGlobally(5))
        .apply("sizeNone", MapElements.into(TypeDescriptors.integers()).via(SampleTest::size));
    PAssert.thatSingleton(none).isEqualTo(0);
    p.run().waitUntilFinish();
  }

  @Test
  void fixedSizePerKey() {
    List<KV<String, Integer>> in = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      in.add(KV.of("a", i));
    }
    in.add(KV.of("b", 1));
    PCollection<KV<String, Integer>> sizes = p.apply(Create.of(in))
        .apply(Sample.fixedSizePerKey(3))
        .apply(MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(),
            TypeDescriptors.integers())).via(kv -> KV.of(kv.getKey(), size(kv.getValue()))));
    PAssert.that(sizes).containsInAnyOrder(KV.of("a", 3), KV.of("b", 1));
    p.run().waitUntilFinish();
  }

  @Test
  void perKeyOfEmptyIsEmpty() {
    PAssert.that(p.apply(Create.empty(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of())))
        .apply(Sample.fixedSizePerKey(3))).empty();
    p.run().waitUntilFinish();
  }
}
