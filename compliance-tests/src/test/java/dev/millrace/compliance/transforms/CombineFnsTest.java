package dev.millrace.compliance.transforms;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderRegistry;
import dev.millrace.coders.CoderUtils;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.transforms.CombineFn;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.Max;
import dev.millrace.transforms.Mean;
import dev.millrace.transforms.Min;
import dev.millrace.transforms.Sample;
import dev.millrace.transforms.Sum;
import dev.millrace.transforms.Top;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The CombineFns behind the aggregations, without a runner: whatever the split of inputs into
 * accumulators (and a coder round trip of every accumulator, as a shuffle does), the result is
 * the same as adding all inputs to one accumulator.
 */
@Requires(Capability.COMBINE)
class CombineFnsTest {
  private static final List<Integer> INPUTS = List.of(5, 3, 9, 1, 7, 3, 8, 2);

  static Stream<Arguments> fns() {
    return Stream.of(
        Arguments.of("Count", (Supplier<CombineFn<Integer, ?, ?>>) Count::combineFn, 8L),
        Arguments.of("Sum", (Supplier<CombineFn<Integer, ?, ?>>) Sum::ofIntegers, 38),
        Arguments.of("Min", (Supplier<CombineFn<Integer, ?, ?>>) Min::ofIntegers, 1),
        Arguments.of("Max", (Supplier<CombineFn<Integer, ?, ?>>) Max::ofIntegers, 9),
        Arguments.of("MinNatural", (Supplier<CombineFn<Integer, ?, ?>>) Min::naturalOrder, 1),
        Arguments.of("MaxNatural", (Supplier<CombineFn<Integer, ?, ?>>) Max::naturalOrder, 9),
        Arguments.of("Mean", (Supplier<CombineFn<Integer, ?, ?>>) Mean::of, 4.75),
        Arguments.of("Top3",
            (Supplier<CombineFn<Integer, ?, ?>>) () -> Top.combineFn(3, Integer::compare),
            List.of(9, 8, 7)),
        Arguments.of("Bottom2",
            (Supplier<CombineFn<Integer, ?, ?>>) () -> Top.combineFn(2, (a, b) -> b - a),
            List.of(1, 2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fns")
  void sameResultForEverySplitWithCodedAccumulators(
      String name, Supplier<CombineFn<Integer, ?, ?>> fn, Object expected) throws Exception {
    assertThat(fn.get().apply(INPUTS)).isEqualTo(expected);
    for (int split = 0; split <= INPUTS.size(); split++) {
      assertThat(combineSplit(fn.get(), split)).as("split at %s", split).isEqualTo(expected);
    }
  }

  private static <A, O> O combineSplit(CombineFn<Integer, A, O> fn, int split) throws Exception {
    Coder<A> accCoder = fn.getAccumulatorCoder(CoderRegistry.createDefault(), VarIntCoder.of());
    A left = fn.createAccumulator();
    A right = fn.createAccumulator();
    for (int i = 0; i < INPUTS.size(); i++) {
      if (i < split) {
        left = fn.addInput(left, INPUTS.get(i));
      } else {
        right = fn.addInput(right, INPUTS.get(i));
      }
    }
    List<A> shuffled = new ArrayList<>();
    shuffled.add(CoderUtils.clone(accCoder, right));
    shuffled.add(fn.createAccumulator());
    shuffled.add(CoderUtils.clone(accCoder, left));
    return fn.extractOutput(fn.mergeAccumulators(shuffled));
  }

  @Test
  void outputCodersAreDeclared() throws Exception {
    CoderRegistry r = CoderRegistry.createDefault();
    assertThat(Min.<String>naturalOrder().getDefaultOutputCoder(r, StringUtf8Coder.of()))
        .isEqualTo(dev.millrace.coders.NullableCoder.of(StringUtf8Coder.of()));
    assertThat(Top.<String>combineFn(2, String::compareTo)
        .getDefaultOutputCoder(r, StringUtf8Coder.of()))
        .isEqualTo(dev.millrace.coders.ListCoder.of(StringUtf8Coder.of()));
    assertThat(Sample.<String>combineFn(2).getDefaultOutputCoder(r, StringUtf8Coder.of()))
        .isEqualTo(dev.millrace.coders.IterableCoder.of(StringUtf8Coder.of()));
  }

  @Test
  void randomSampleGivesEveryElementAChance() {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      CombineFn<Integer, ?, Iterable<Integer>> fn = Sample.combineFn(1);
      fn.apply(List.of(1, 2)).forEach(seen::add);
    }
    assertThat(seen).containsExactlyInAnyOrder(1, 2);
  }

  @Test
  void sampleAnyKeepsAtMostTheLimit() {
    assertThat(Sample.<Integer>anyCombineFn(3).apply(INPUTS)).hasSize(3);
    assertThat(Sample.<Integer>anyCombineFn(30).apply(INPUTS)).hasSize(INPUTS.size());
  }
}
