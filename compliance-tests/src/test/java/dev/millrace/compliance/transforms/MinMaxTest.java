package dev.millrace.compliance.transforms;

import dev.millrace.coders.DoubleCoder;
import dev.millrace.coders.NullableCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.Max;
import dev.millrace.transforms.Min;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Min and Max: numeric, natural order and comparator forms, globally and per key. */
@Requires(Capability.COMBINE)
class MinMaxTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  @Test
  void numericGlobally() {
    PCollection<Integer> ints = p.apply("i", Create.of(5, -2, 9));
    PAssert.thatSingleton(ints.apply("min", Min.integersGlobally())).isEqualTo(-2);
    PAssert.thatSingleton(ints.apply("max", Max.integersGlobally())).isEqualTo(9);
    PCollection<Long> longs = p.apply("l", Create.of(5L, 7L));
    PAssert.thatSingleton(longs.apply("minL", Min.longsGlobally())).isEqualTo(5L);
    PAssert.thatSingleton(longs.apply("maxL", Max.longsGlobally())).isEqualTo(7L);
    PCollection<Double> doubles = p.apply("d", Create.of(0.5, -1.5));
    PAssert.thatSingleton(doubles.apply("minD", Min.doublesGlobally())).isEqualTo(-1.5);
    PAssert.thatSingleton(doubles.apply("maxD", Max.doublesGlobally())).isEqualTo(0.5);
    p.run().waitUntilFinish();
  }

  @Test
  void numericOfEmptyIsTheIdentity() {
    PCollection<Integer> ints = p.apply("i", Create.empty(VarIntCoder.of()));
    PAssert.thatSingleton(ints.apply("min", Min.integersGlobally())).isEqualTo(Integer.MAX_VALUE);
    PAssert.thatSingleton(ints.apply("max", Max.integersGlobally())).isEqualTo(Integer.MIN_VALUE);
    PCollection<Long> longs = p.apply("l", Create.empty(VarLongCoder.of()));
    PAssert.thatSingleton(longs.apply("minL", Min.longsGlobally())).isEqualTo(Long.MAX_VALUE);
    PCollection<Double> doubles = p.apply("d", Create.empty(DoubleCoder.of()));
    PAssert.thatSingleton(doubles.apply("maxD", Max.doublesGlobally()))
        .isEqualTo(Double.NEGATIVE_INFINITY);
    p.run().waitUntilFinish();
  }

  @Test
  void naturalOrderAndComparator() {
    PCollection<String> words = p.apply(Create.of("pear", "fig", "banana"));
    PCollection<String> first = words.apply("min", Min.globally());
    assertThat(first.getCoder()).isEqualTo(NullableCoder.of(StringUtf8Coder.of()));
    PAssert.thatSingleton(first).isEqualTo("banana");
    PAssert.thatSingleton(words.apply("max", Max.globally())).isEqualTo("pear");
    PAssert.thatSingleton(words.apply("shortest",
        Min.<String>globally((a, b) -> Integer.compare(a.length(), b.length())))).isEqualTo("fig");
    PAssert.thatSingleton(words.apply("longest",
        Max.<String>globally((a, b) -> Integer.compare(a.length(), b.length()))))
        .isEqualTo("banana");
    p.run().waitUntilFinish();
  }

  @Test
  void perKey() {
    PCollection<KV<String, Integer>> in =
        p.apply(Create.of(KV.of("a", 3), KV.of("a", 1), KV.of("b", 2), KV.of("a", 8)));
    PAssert.that(in.apply("min", Min.integersPerKey()))
        .containsInAnyOrder(KV.of("a", 1), KV.of("b", 2));
    PAssert.that(in.apply("max", Max.integersPerKey()))
        .containsInAnyOrder(KV.of("a", 8), KV.of("b", 2));
    PAssert.that(in.apply("minNatural", Min.perKey()))
        .containsInAnyOrder(KV.of("a", 1), KV.of("b", 2));
    PAssert.that(in.apply("maxCmp", Max.<String, Integer>perKey((x, y) -> Integer.compare(y, x))))
        .containsInAnyOrder(KV.of("a", 1), KV.of("b", 2));
    p.run().waitUntilFinish();
  }

  @Test
  void genericFormOfEmptyIsNull() {
    PCollection<String> min =
        p.apply(Create.empty(StringUtf8Coder.of())).apply(Min.globally());
    PAssert.that(min).containsInAnyOrder((String) null);
    p.run().waitUntilFinish();
  }
}
