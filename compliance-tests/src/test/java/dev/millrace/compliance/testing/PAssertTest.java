package dev.millrace.compliance.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.millrace.PipelineResult;
import dev.millrace.coders.NullableCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.metrics.MetricsFilter;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.ParDo;
import dev.millrace.values.PCollection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** PAssert.that(...): contents in any order, emptiness, duplicates and satisfies, end to end. */
class PAssertTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  @Test
  void containsInAnyOrderPasses() {
    PCollection<String> words = p.apply(Create.of("c", "a", "b"));
    PAssert.that(words).containsInAnyOrder("a", "b", "c");
    PAssert.that(words).containsInAnyOrder(List.of("b", "c", "a"));
    PipelineResult result = p.run();
    assertThat(result.getState()).isEqualTo(PipelineResult.State.DONE);
  }

  @Requires(Capability.METRICS)
  @Test
  void successesAreCountedOncePerAssertion() {
    PCollection<Integer> numbers = p.apply(Create.of(1, 2, 3));
    PAssert.that(numbers).containsInAnyOrder(3, 2, 1).satisfies(all -> null);
    PAssert.that(p.apply("None", Create.empty(VarIntCoder.of()))).empty();
    PipelineResult result = p.run();
    long successes = result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricsFilter.MetricNameFilter.named(PAssert.class, PAssert.SUCCESS_COUNTER))
        .build()).counterValue(PAssert.SUCCESS_COUNTER);
    assertThat(successes).isEqualTo(3);
  }

  @Test
  void failureIsAnAssertionErrorWithADiff() {
    PAssert.that(p.apply(Create.of("a", "b", "d"))).containsInAnyOrder("a", "b", "c");
    Throwable t = catchThrowable(p::run);
    assertThat(t).isInstanceOf(AssertionError.class);
    assertThat(t.getMessage())
        .contains("PAssert$1")
        .contains("containsInAnyOrder")
        .contains("PAssertTest.failureIsAnAssertionErrorWithADiff(PAssertTest.java:")
        .contains("Expected (in any order): [a, b, c]\n  Actual: [a, b, d]\n  Missing: [c]\n"
            + "  Unexpected: [d]");
  }

  @Test
  void duplicatesCount() {
    PCollection<String> twice = p.apply(Create.of("x", "x", "y"));
    PAssert.that(twice).containsInAnyOrder("x", "y");
    assertThatThrownBy(p::run)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Unexpected: [x (expected 1, actual 2)]");
  }

  @Test
  void duplicatesPassWhenTheCountsMatch() {
    PAssert.that(p.apply(Create.of(5, 5, 6, 5))).containsInAnyOrder(5, 6, 5, 5);
    p.run();
  }

  @Test
  void emptyPassesOnAnEmptyCollection() {
    PCollection<String> none = p.apply(Create.empty(StringUtf8Coder.of()));
    PAssert.that(none).empty();
    PAssert.that(none).containsInAnyOrder();
    PAssert.that(none).satisfies(all -> {
      assertThat(all).isEmpty();
      return null;
    });
    p.run();
  }

  @Test
  void emptyFailsOnANonEmptyCollection() {
    PAssert.that(p.apply(Create.of(1, 2))).empty();
    assertThatThrownBy(p::run)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Expected an empty collection\n  Actual: [1, 2]\n"
            + "  Unexpected: [1, 2]");
  }

  @Test
  void containsInAnyOrderFailsOnAnEmptyCollection() {
    PAssert.that(p.apply(Create.empty(VarIntCoder.of()))).containsInAnyOrder(7);
    assertThatThrownBy(p::run)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Actual: []\n  Missing: [7]");
  }

  @Test
  void nullElementsAreCompared() {
    PCollection<String> withNull = p.apply(
        Create.of(Arrays.asList("a", null)).withCoder(NullableCoder.of(StringUtf8Coder.of())));
    PAssert.that(withNull).containsInAnyOrder(null, "a");
    p.run();
  }

  @Test
  void satisfiesReportsTheUsersAssertion() {
    PAssert.that(p.apply(Create.of(1, 2, 3))).satisfies(all -> {
      int sum = 0;
      for (int i : all) {
        sum += i;
      }
      assertThat(sum).as("sum").isEqualTo(7);
      return null;
    });
    Throwable t = catchThrowable(p::run);
    assertThat(t).isInstanceOf(AssertionError.class);
    assertThat(t.getMessage()).contains("PAssert$1").contains("satisfies").contains("[sum]")
        .contains("7").contains("6");
    assertThat(t.getCause()).isInstanceOf(AssertionError.class);
  }

  @Test
  void severalAssertionsGetTheirOwnStepsAndTheFailingOneIsNamed() {
    PCollection<Integer> numbers = p.apply(Create.of(1, 2));
    PAssert.that(numbers).containsInAnyOrder(1, 2);
    PAssert.that("the second one", numbers).containsInAnyOrder(1, 2, 3);
    PAssert.that(numbers).satisfies(all -> null);
    Throwable t = catchThrowable(p::run);
    assertThat(t).isInstanceOf(AssertionError.class);
    assertThat(t.getMessage()).contains("PAssert$2").contains("the second one")
        .contains("Missing: [3]");
  }

  @Test
  void worksDownstreamOfATransformAndOnManyElements() {
    List<Integer> in = new ArrayList<>();
    List<Integer> doubled = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      in.add(i);
      doubled.add(2 * i);
    }
    PCollection<Integer> out = p.apply(Create.of(in)).apply(ParDo.of(new Double()));
    PAssert.that(out).containsInAnyOrder(doubled);
    p.run();
  }

  @Test
  void expectedValuesOfTheWrongTypeAreRejectedWhenDeclared() {
    PCollection<Object> strings = cast(p.apply(Create.of("a")));
    assertThatThrownBy(() -> PAssert.that(strings).containsInAnyOrder(42))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot encode the expected value 42");
  }

  /** Doubles each number. */
  static final class Double extends DoFn<Integer, Integer> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element() * 2);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static PCollection<Object> cast(PCollection<?> pc) {
    return (PCollection) pc;
  }
}
