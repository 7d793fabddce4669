package dev.millrace.compliance.triggers;

import static dev.millrace.compliance.triggers.Panes.at;
import static dev.millrace.compliance.triggers.Panes.stream;
import static dev.millrace.compliance.triggers.Panes.t;

import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.testing.TestStream;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.windowing.ClosingBehavior;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.OnTimeBehavior;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterWatermark;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code withOnTimeBehavior} (is an empty on-time pane emitted?) and {@code withClosingBehavior}
 * (is an empty final pane emitted when the window expires?).
 */
@Requires({Capability.TRIGGERS, Capability.TEST_STREAM})
class OnTimeAndClosingBehaviorTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  private static final String W0 = Panes.w(0, 60);

  /** Early firing per element, then the watermark passes the window. */
  private static TestStream<KV<String, Long>> twoEarlyThenOnTime() {
    return stream().addElements(at("k", 1, 10)).addElements(at("k", 2, 20))
        .advanceWatermarkTo(t(60)).advanceWatermarkToInfinity();
  }

  private static Window<KV<String, Long>> early(int count) {
    return Window.<KV<String, Long>>into(FixedWindows.of(Duration.ofMinutes(1)))
        .triggering(AfterWatermark.pastEndOfWindow()
            .withEarlyFirings(AfterPane.elementCountAtLeast(count)));
  }

  /** One on-time element, then late elements; lateness five minutes, late firing per element. */
  private static Window<KV<String, Long>> late() {
    return Window.<KV<String, Long>>into(FixedWindows.of(Duration.ofMinutes(1)))
        .triggering(AfterWatermark.pastEndOfWindow()
            .withLateFirings(AfterPane.elementCountAtLeast(1)))
        .withAllowedLateness(Duration.ofMinutes(5));
  }

  private static TestStream<KV<String, Long>> onTimeThenLate(int lateElements) {
    TestStream<KV<String, Long>> s = stream().addElements(at("k", 1, 10)).advanceWatermarkTo(t(60));
    for (int i = 0; i < lateElements; i++) {
      s = s.addElements(at("k", 2 + i, 20 + i));
    }
    return s.advanceWatermarkToInfinity();
  }

  static Stream<TriggerCase> cases() {
    return Stream.of(
        new TriggerCase("FIRE_ALWAYS (default): an empty on-time pane is emitted",
            twoEarlyThenOnTime(), early(1).discardingFiredPanes(),
            List.of("k=[1] " + W0 + " EARLY 0", "k=[2] " + W0 + " EARLY 1",
                "k=[] " + W0 + " ON_TIME 2 last")),
        new TriggerCase("FIRE_IF_NON_EMPTY: no empty on-time pane",
            twoEarlyThenOnTime(),
            early(1).discardingFiredPanes().withOnTimeBehavior(OnTimeBehavior.FIRE_IF_NON_EMPTY),
            List.of("k=[1] " + W0 + " EARLY 0", "k=[2] " + W0 + " EARLY 1")),
        new TriggerCase("FIRE_IF_NON_EMPTY still emits a non-empty on-time pane",
            stream().addElements(at("k", 1, 10)).addElements(at("k", 2, 20))
                .addElements(at("k", 3, 30)).advanceWatermarkTo(t(60))
                .advanceWatermarkToInfinity(),
            early(2).discardingFiredPanes().withOnTimeBehavior(OnTimeBehavior.FIRE_IF_NON_EMPTY),
            List.of("k=[1, 2] " + W0 + " EARLY 0", "k=[3] " + W0 + " ON_TIME 1 last")),
        new TriggerCase("FIRE_IF_NON_EMPTY, accumulating: the repeated on-time pane is empty",
            twoEarlyThenOnTime(),
            early(1).accumulatingFiredPanes().withOnTimeBehavior(OnTimeBehavior.FIRE_IF_NON_EMPTY),
            List.of("k=[1] " + W0 + " EARLY 0", "k=[1, 2] " + W0 + " EARLY 1")),
        new TriggerCase("closing FIRE_IF_NON_EMPTY (default): no final pane at expiry",
            onTimeThenLate(1), late().discardingFiredPanes(),
            List.of("k=[1] " + W0 + " ON_TIME 0", "k=[2] " + W0 + " LATE 1")),
        new TriggerCase("closing FIRE_ALWAYS, discarding: an empty final pane at expiry",
            onTimeThenLate(1),
            late().discardingFiredPanes().withClosingBehavior(ClosingBehavior.FIRE_ALWAYS),
            List.of("k=[1] " + W0 + " ON_TIME 0", "k=[2] " + W0 + " LATE 1",
                "k=[] " + W0 + " LATE 2 last")),
        new TriggerCase("closing FIRE_ALWAYS, accumulating: the final pane repeats everything",
            onTimeThenLate(1),
            late().accumulatingFiredPanes().withClosingBehavior(ClosingBehavior.FIRE_ALWAYS),
            List.of("k=[1] " + W0 + " ON_TIME 0", "k=[1, 2] " + W0 + " LATE 1",
                "k=[1, 2] " + W0 + " LATE 2 last")),
        new TriggerCase("closing FIRE_ALWAYS without late data",
            onTimeThenLate(0),
            late().discardingFiredPanes().withClosingBehavior(ClosingBehavior.FIRE_ALWAYS),
            List.of("k=[1] " + W0 + " ON_TIME 0", "k=[] " + W0 + " LATE 1 last")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void panes(TriggerCase c) {
    PAssert.that(Panes.groupAndRender(p.apply(c.events()).apply(c.window())))
        .containsInAnyOrder(c.expected());
    p.run();
  }
}
