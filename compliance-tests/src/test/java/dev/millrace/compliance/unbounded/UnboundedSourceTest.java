package dev.millrace.compliance.unbounded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Combine;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.GenerateSequence;
import dev.millrace.transforms.Window;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.IntervalWindow;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Unbounded sources: a runner reads every split until its watermark reaches the end of time, and
 * windows over the source's event timestamps fire exactly once each.
 */
@Requires({Capability.UNBOUNDED, Capability.COMBINE})
class UnboundedSourceTest implements Serializable {
  @RegisterExtension final transient TestPipeline p = TestPipeline.create();

  private static long sum(Iterable<Long> xs) {
    long s = 0;
    for (long x : xs) {
      s += x;
    }
    return s;
  }

  private static PCollection<Long> sequence(TestPipeline p, long count) {
    // Value n has event time n/10 seconds; the rate and the end make the source finish.
    return p.apply(GenerateSequence.from(0).to(count)
        .withRate(20_000, Duration.ofSeconds(1))
        .withTimestampFn(n -> Instant.ofEpochMilli(n * 100)));
  }

  @Test
  void everyElementOfAFiniteUnboundedSourceIsReadOnce() {
    PCollection<Long> numbers = sequence(p, 500);
    assertThat(numbers.isBounded()).isEqualTo(PCollection.IsBounded.UNBOUNDED);
    PAssert.that(numbers).containsInAnyOrder(LongStream.range(0, 500).boxed().toList());
    p.run();
  }

  @Test
  void eventTimeWindowsOverAnUnboundedSourceFireOnTime() {
    PCollection<Long> sums = sequence(p, 300)
        .apply(Window.<Long>into(FixedWindows.of(Duration.ofSeconds(10))))
        .apply(Combine.globally(UnboundedSourceTest::sum).withoutDefaults());
    // 100 values per 10-second window: [0,100), [100,200), [200,300).
    for (int w = 0; w < 3; w++) {
      IntervalWindow window = new IntervalWindow(
          Instant.ofEpochSecond(10L * w), Instant.ofEpochSecond(10L * (w + 1)));
      PAssert.that(sums).inOnTimePane(window)
          .containsInAnyOrder(LongStream.range(100L * w, 100L * (w + 1)).sum());
    }
    p.run();
  }

  @Test
  void countsPerWindowAreExact() {
    PCollection<Long> counts = sequence(p, 250)
        .apply(Window.<Long>into(FixedWindows.of(Duration.ofSeconds(5))))
        .apply(Count.<Long>globally().withoutDefaults());
    PAssert.that(counts).containsInAnyOrder(50L, 50L, 50L, 50L, 50L);
    p.run();
  }
}
