package dev.millrace.compliance.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.coders.DoubleCoder;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.Mean;
import dev.millrace.transforms.Sum;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sum and Mean, globally and per key, with their coders and empty-input results. */
@Requires(Capability.COMBINE)
class SumAndMeanTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  @Test
  void sumsGlobally() {
    PCollection<Integer> ints = p.apply("i", Create.of(1, 2, 3)).apply(Sum.integersGlobally());
    PCollection<Long> longs = p.apply("l", Create.of(10L, 20L)).apply(Sum.longsGlobally());
    PCollection<Double> doubles = p.apply("d", Create.of(0.5, 0.25)).apply(Sum.doublesGlobally());
    assertThat(ints.getCoder()).isEqualTo(VarIntCoder.of());
    assertThat(longs.getCoder()).isEqualTo(VarLongCoder.of());
    assertThat(doubles.getCoder()).isEqualTo(DoubleCoder.of());
    PAssert.thatSingleton(ints).isEqualTo(6);
    PAssert.thatSingleton(longs).isEqualTo(30L);
    PAssert.thatSingleton(doubles).isEqualTo(0.75);
    p.run().waitUntilFinish();
  }

  @Test
  void sumOfEmptyIsZero() {
    PAssert.thatSingleton(p.apply("i", Create.empty(VarIntCoder.of()))
        .apply(Sum.integersGlobally())).isEqualTo(0);
    PAssert.thatSingleton(p.apply("l", Create.empty(VarLongCoder.of()))
        .apply(Sum.longsGlobally())).isEqualTo(0L);
    PAssert.thatSingleton(p.apply("d", Create.empty(DoubleCoder.of()))
        .apply(Sum.doublesGlobally())).isEqualTo(0.0);
    p.run().waitUntilFinish();
  }

  @Test
  void sumsPerKey() {
    PCollection<KV<String, Integer>> in =
        p.apply(Create.of(KV.of("a", 1), KV.of("b", 5), KV.of("a", 2)));
    PCollection<KV<String, Integer>> sums = in.apply(Sum.integersPerKey());
    assertThat(sums.getCoder()).isEqualTo(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()));
    PAssert.that(sums).containsInAnyOrder(KV.of("a", 3), KV.of("b", 5));
    PAssert.that(p.apply("l", Create.of(KV.of("x", 4L), KV.of("x", 6L))).apply(Sum.longsPerKey()))
        .containsInAnyOrder(KV.of("x", 10L));
    PAssert.that(p.apply("d", Create.of(KV.of("x", 1.5), KV.of("y", 2.0)))
        .apply(Sum.doublesPerKey())).containsInAnyOrder(KV.of("x", 1.5), KV.of("y", 2.0));
    p.run().waitUntilFinish();
  }

  @Test
  void meanGloballyAndPerKey() {
    PCollection<Double> mean = p.apply("g", Create.of(1, 2, 3, 4)).apply(Mean.globally());
    assertThat(mean.getCoder()).isEqualTo(DoubleCoder.of());
    PAssert.thatSingleton(mean).isEqualTo(2.5);
    PCollection<KV<String, Double>> perKey =
        p.apply("k", Create.of(KV.of("a", 1L), KV.of("a", 2L), KV.of("b", 10L)))
            .apply(Mean.perKey());
    PAssert.that(perKey).containsInAnyOrder(KV.of("a", 1.5), KV.of("b", 10.0));
    p.run().waitUntilFinish();
  }

  @Test
  void meanOfEmptyIsNaN() {
    PCollection<Double> mean = p.apply(Create.empty(DoubleCoder.of())).apply(Mean.globally());
    PAssert.thatSingleton(mean).isEqualTo(Double.NaN);
    p.run().waitUntilFinish();
  }
}
