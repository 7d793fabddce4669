package dev.millrace.compliance.errors;

import dev.millrace.coders.DoubleCoder;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Combine;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.Max;
import dev.millrace.transforms.Mean;
import dev.millrace.transforms.Min;
import dev.millrace.transforms.Sum;
import dev.millrace.transforms.Top;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every combine on an empty input: a global combine in the global window outputs its CombineFn's
 * value for no inputs (0 for sums and counts, the identity for min and max, NaN for the mean, an
 * empty list for Top); with {@code withoutDefaults()} and per key, nothing is output.
 */
@Requires(Capability.COMBINE)
class EmptyInputCombineTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  private PCollection<Integer> ints() {
    return p.apply("NoInts", Create.empty(VarIntCoder.of()));
  }

  private PCollection<Long> longs() {
    return p.apply("NoLongs", Create.empty(VarLongCoder.of()));
  }

  private PCollection<Double> doubles() {
    return p.apply("NoDoubles", Create.empty(DoubleCoder.of()));
  }

  private PCollection<KV<String, Integer>> keyed() {
    return p.apply("NoKvs", Create.empty(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of())));
  }

  @Test
  void sums() {
    PAssert.thatSingleton(ints().apply(Sum.integersGlobally())).isEqualTo(0);
    PAssert.thatSingleton(longs().apply(Sum.longsGlobally())).isEqualTo(0L);
    PAssert.thatSingleton(doubles().apply(Sum.doublesGlobally())).isEqualTo(0.0);
    p.run();
  }

  @Test
  void count() {
    PAssert.thatSingleton(ints().apply(Count.globally())).isEqualTo(0L);
    p.run();
  }

  @Test
  void minAndMaxGiveTheirIdentities() {
    PCollection<Integer> ints = ints();
    PCollection<Long> longs = longs();
    PCollection<Double> doubles = doubles();
    PAssert.thatSingleton(ints.apply("Min", Min.integersGlobally())).isEqualTo(Integer.MAX_VALUE);
    PAssert.thatSingleton(ints.apply("Max", Max.integersGlobally())).isEqualTo(Integer.MIN_VALUE);
    PAssert.thatSingleton(longs.apply("MinL", Min.longsGlobally())).isEqualTo(Long.MAX_VALUE);
    PAssert.thatSingleton(longs.apply("MaxL", Max.longsGlobally())).isEqualTo(Long.MIN_VALUE);
    PAssert.thatSingleton(doubles.apply("MinD", Min.doublesGlobally()))
        .isEqualTo(Double.POSITIVE_INFINITY);
    PAssert.thatSingleton(doubles.apply("MaxD", Max.doublesGlobally()))
        .isEqualTo(Double.NEGATIVE_INFINITY);
    p.run();
  }

  @Test
  void meanIsNaN() {
    PAssert.thatSingleton(longs().apply(Mean.globally())).isEqualTo(Double.NaN);
    p.run();
  }

  @Test
  void topIsAnEmptyList() {
    PAssert.thatSingleton(ints().apply(Top.largest(3))).isEqualTo(List.of());
    p.run();
  }

  @Test
  void aFunctionCombineAppliesTheFunctionToNoValues() {
    PAssert.thatSingleton(ints().apply(Combine.globally((Iterable<Integer> xs) -> {
      int sum = 100;
      for (int x : xs) {
        sum += x;
      }
      return sum;
    }))).isEqualTo(100);
    p.run();
  }

  @Test
  void withoutDefaultsOutputsNothing() {
    PAssert.that(ints().apply("Sum", Sum.integersGlobally().withoutDefaults())).empty();
    PAssert.that(longs().apply("Count", Count.<Long>globally().withoutDefaults())).empty();
    PAssert.that(doubles().apply("Mean", Mean.<Double>globally().withoutDefaults())).empty();
    p.run();
  }

  @Test
  void perKeyCombinesOutputNothing() {
    PCollection<KV<String, Integer>> in = keyed();
    PAssert.that(in.apply("Sum", Sum.integersPerKey())).empty();
    PAssert.that(in.apply("Count", Count.perKey())).empty();
    PAssert.that(in.apply("Mean", Mean.perKey())).empty();
    PAssert.that(in.apply("Max", Max.integersPerKey())).empty();
    PAssert.that(in.apply("Top", Top.largestPerKey(2))).empty();
    PAssert.that(in.apply("Count.perElement", Count.perElement())).empty();
    p.run();
  }
}
