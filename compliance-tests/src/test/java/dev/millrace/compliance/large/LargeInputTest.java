package dev.millrace.compliance.large;

import static dev.millrace.values.TypeDescriptors.kvs;
import static dev.millrace.values.TypeDescriptors.longs;
import static dev.millrace.values.TypeDescriptors.strings;

import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.Filter;
import dev.millrace.transforms.FlatMapElements;
import dev.millrace.transforms.GenerateSequence;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.MapElements;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Sum;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Large inputs: a single key with a million values (grouped and combined), many keys, and a wide
 * fan-out. The expected values are closed forms (the sum of 0..n-1 is n(n-1)/2).
 */
@Requires({Capability.LARGE_INPUT, Capability.COMBINE})
class LargeInputTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  private static final long MILLION = 1_000_000L;
  private static final long SUM_BELOW_MILLION = MILLION * (MILLION - 1) / 2;

  /** Counts and sums each group's values, iterating the group twice. */
  static final class CountAndSumTwice extends DoFn<KV<String, Iterable<Long>>, String> {
    @Override
    public void processElement(ProcessContext c) {
      long n = 0;
      long sum = 0;
      for (long v : c.element().getValue()) {
        n++;
        sum += v;
      }
      long again = 0;
      for (long ignored : c.element().getValue()) {
        again++;
      }
      c.output(c.element().getKey() + " n=" + n + " sum=" + sum + " again=" + again);
    }
  }

  private PCollection<KV<String, Long>> millionUnderOneKey() {
    return p.apply(GenerateSequence.from(0).to(MILLION))
        .apply(MapElements.into(kvs(strings(), longs())).via(x -> KV.of("k", x)));
  }

  @Test
  void aSingleKeyWithAMillionValuesGroups() {
    PAssert.that(millionUnderOneKey().apply(GroupByKey.create())
            .apply(ParDo.of(new CountAndSumTwice())))
        .containsInAnyOrder("k n=" + MILLION + " sum=" + SUM_BELOW_MILLION + " again=" + MILLION);
    p.run();
  }

  @Test
  void aSingleKeyWithAMillionValuesCombines() {
    PAssert.that(millionUnderOneKey().apply(Sum.longsPerKey()))
        .containsInAnyOrder(KV.of("k", SUM_BELOW_MILLION));
    p.run();
  }

  @Test
  void aMillionValuesCountGlobally() {
    PAssert.thatSingleton(p.apply(GenerateSequence.from(0).to(MILLION)).apply(Count.globally()))
        .isEqualTo(MILLION);
    p.run();
  }

  @Test
  void twoHundredThousandKeys() {
    long keys = 200_000;
    PCollection<KV<Long, Long>> counts = p.apply(GenerateSequence.from(0).to(2 * keys))
        .apply(MapElements.into(kvs(longs(), longs())).via(x -> KV.of(x % 200_000, x)))
        .apply(Count.perKey());
    PAssert.thatSingleton(counts.apply("KeysSeenTwice", Filter.by(kv -> kv.getValue() == 2L))
            .apply("CountKeys", Count.globally()))
        .isEqualTo(keys);
    PAssert.thatSingleton(counts.apply("Keys", MapElements.into(longs()).via(KV::getKey))
            .apply("SumKeys", Sum.longsGlobally()))
        .isEqualTo(keys * (keys - 1) / 2);
    p.run();
  }

  @Test
  void aWideFanOut() {
    PCollection<Long> fanned = p.apply(GenerateSequence.from(0).to(1000))
        .apply(FlatMapElements.into(longs())
            .via(x -> LongStream.range(0, 1000).map(j -> x * 1000 + j).boxed().toList()));
    PAssert.thatSingleton(fanned.apply("Count", Count.globally())).isEqualTo(MILLION);
    PAssert.thatSingleton(fanned.apply("Sum", Sum.longsGlobally())).isEqualTo(SUM_BELOW_MILLION);
    p.run();
  }
}
