package dev.millrace.runners.direct;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.transforms.Combine;
import dev.millrace.transforms.GenerateSequence;
import dev.millrace.transforms.Window;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.FixedWindows;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Unbounded sources on the direct runner: read to the end of time, or until cancelled. */
class UnboundedSourceTest implements Serializable {
  private static Pipeline pipeline() {
    return Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=direct").create());
  }

  private static long sum(Iterable<Long> xs) {
    long s = 0;
    for (long x : xs) {
      s += x;
    }
    return s;
  }

  @Test
  void aFiniteUnboundedSourceIsReadCompletelyAndItsWindowsFire() {
    Pipeline p = pipeline();
    PCollection<Long> numbers = p.apply(GenerateSequence.from(0).to(3000)
        .withRate(100_000, Duration.ofSeconds(1))
        .withTimestampFn(n -> Instant.ofEpochSecond(n / 100)));
    assertThat(numbers.isBounded()).isEqualTo(PCollection.IsBounded.UNBOUNDED);
    String id = Collect.of(numbers
        .apply(Window.<Long>into(FixedWindows.of(Duration.ofSeconds(10))))
        .apply(Combine.globally(UnboundedSourceTest::sum).withoutDefaults()));
    assertThat(p.run().waitUntilFinish(Duration.ofMinutes(1))).isEqualTo(PipelineResult.State.DONE);
    // Value n is in window n / 1000 (10 s of 100 values a second): three windows of 1000 values.
    List<Long> expected = List.of(
        LongStream.range(0, 1000).sum(), LongStream.range(1000, 2000).sum(),
        LongStream.range(2000, 3000).sum());
    assertThat(Collect.<Long>results(id)).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void anEndlessSourceRunsUntilCancelled() {
    Pipeline p = pipeline();
    p.apply(GenerateSequence.from(0).withRate(1000, Duration.ofSeconds(1)))
        .apply(Window.<Long>into(FixedWindows.of(Duration.ofSeconds(1))))
        .apply(Combine.globally(UnboundedSourceTest::sum).withoutDefaults());
    PipelineResult result = p.run();
    assertThat(result.waitUntilFinish(Duration.ofMillis(300))).isEqualTo(PipelineResult.State.RUNNING);
    assertThat(result.cancel()).isEqualTo(PipelineResult.State.CANCELLED);
  }
}
