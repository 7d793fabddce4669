package dev.millrace.compliance.lateness;

import static dev.millrace.compliance.triggers.Panes.at;
import static dev.millrace.compliance.triggers.Panes.stream;
import static dev.millrace.compliance.triggers.Panes.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.PipelineResult;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.compliance.triggers.Panes;
import dev.millrace.metrics.MetricsFilter;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.testing.TestStream;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.SlidingWindows;
import dev.millrace.windowing.WindowFn;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterWatermark;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Allowed lateness: data behind the watermark is kept while its window has not expired (the
 * watermark has not passed the window's end plus the allowed lateness), and is otherwise dropped
 * and counted in the grouping's {@code millrace/droppedDueToLateness} counter. Lateness is a
 * property of the window, not of the element; expired windows are garbage-collected and late
 * data for them produces nothing.
 */
@Requires({Capability.TRIGGERS, Capability.TEST_STREAM, Capability.METRICS})
class AllowedLatenessTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  private static final String W0 = Panes.w(0, 60);

  /**
   * One row.
   *
   * @param name what it checks
   * @param events the script
   * @param fn the window function
   * @param lateness the allowed lateness
   * @param expected every pane, rendered by {@link Panes.Render}
   * @param dropped the expected value of the dropped-due-to-lateness counter
   */
  record Case(String name, TestStream<KV<String, Long>> events, WindowFn<?> fn,
      Duration lateness, List<String> expected, long dropped) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Instant ms(long millis) {
    return Instant.ofEpochMilli(millis);
  }

  static Stream<Case> cases() {
    FixedWindows minutes = FixedWindows.of(Duration.ofMinutes(1));
    return Stream.of(
        new Case("behind the watermark but in an open window: on time",
            stream().advanceWatermarkTo(t(50)).addElements(at("k", 1, 10))
                .advanceWatermarkToInfinity(),
            minutes, Duration.ZERO, List.of("k=[1] " + W0 + " ON_TIME 0 last"), 0),
        new Case("no allowed lateness: data for a passed window is dropped and counted",
            stream().addElements(at("k", 1, 10)).advanceWatermarkTo(t(60))
                .addElements(at("k", 2, 20)).addElements(at("k", 3, 30))
                .advanceWatermarkToInfinity(),
            minutes, Duration.ZERO, List.of("k=[1] " + W0 + " ON_TIME 0 last"), 2),
        new Case("within the allowed lateness: kept, in a late pane",
            stream().addElements(at("k", 1, 10)).advanceWatermarkTo(t(100))
                .addElements(at("k", 2, 20)).advanceWatermarkToInfinity(),
            minutes, Duration.ofMinutes(1),
            List.of("k=[1] " + W0 + " ON_TIME 0", "k=[1, 2] " + W0 + " LATE 1"), 0),
        new Case("at the last instant of the allowed lateness: still kept",
            stream().addElements(at("k", 1, 10)).advanceWatermarkTo(ms(119_999))
                .addElements(at("k", 2, 20)).advanceWatermarkToInfinity(),
            minutes, Duration.ofMinutes(1),
            List.of("k=[1] " + W0 + " ON_TIME 0", "k=[1, 2] " + W0 + " LATE 1"), 0),
        new Case("one millisecond beyond the allowed lateness: dropped",
            stream().addElements(at("k", 1, 10)).advanceWatermarkTo(ms(120_000))
                .addElements(at("k", 2, 20)).advanceWatermarkToInfinity(),
            minutes, Duration.ofMinutes(1), List.of("k=[1] " + W0 + " ON_TIME 0 last"), 1),
        new Case("after expiry the window is gone: late data produces nothing at all",
            stream().addElements(at("k", 1, 10)).advanceWatermarkTo(t(600))
                .addElements(at("k", 2, 20)).addElements(at("k", 3, 30))
                .advanceWatermarkToInfinity(),
            minutes, Duration.ofMinutes(1), List.of("k=[1] " + W0 + " ON_TIME 0 last"), 2),
        new Case("only expired windows drop: a later window still accepts",
            stream().addElements(at("k", 1, 10)).advanceWatermarkTo(t(61))
                .addElements(at("k", 2, 20), at("k", 3, 70)).advanceWatermarkToInfinity(),
            minutes, Duration.ZERO,
            List.of("k=[1] " + W0 + " ON_TIME 0 last", "k=[3] " + Panes.w(60, 120)
                + " ON_TIME 0 last"), 1),
        new Case("sliding windows: an element expired in one window still lands in the other",
            stream().advanceWatermarkTo(t(70)).addElements(at("k", 1, 40))
                .advanceWatermarkToInfinity(),
            SlidingWindows.of(Duration.ofMinutes(1)).every(Duration.ofSeconds(30)),
            Duration.ZERO, List.of("k=[1] " + Panes.w(30, 90) + " ON_TIME 0 last"), 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void lateness(Case c) {
    PAssert.that(Panes.groupAndRender(p.apply(c.events())
            .apply(Window.<KV<String, Long>>into(c.fn())
                .triggering(AfterWatermark.pastEndOfWindow()
                    .withLateFirings(AfterPane.elementCountAtLeast(1)))
                .withAllowedLateness(c.lateness())
                .accumulatingFiredPanes())))
        .containsInAnyOrder(c.expected());
    PipelineResult result = p.run();
    long dropped = result.metrics().queryMetrics(MetricsFilter.builder()
            .addStep("Group")
            .addNameFilter(MetricsFilter.MetricNameFilter.named("millrace", "droppedDueToLateness"))
            .build())
        .counterValue("droppedDueToLateness");
    assertThat(dropped).as("millrace/droppedDueToLateness of step Group").isEqualTo(c.dropped());
  }
}
