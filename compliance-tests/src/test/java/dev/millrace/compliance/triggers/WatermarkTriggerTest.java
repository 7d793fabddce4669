package dev.millrace.compliance.triggers;

import static dev.millrace.compliance.triggers.Panes.at;
import static dev.millrace.compliance.triggers.Panes.stream;
import static dev.millrace.compliance.triggers.Panes.t;

import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterWatermark;
import dev.millrace.windowing.triggers.Repeatedly;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The default trigger and {@code AfterWatermark.pastEndOfWindow()} alone and with early and late
 * firings, in both accumulation modes, over one-minute fixed windows. Each element arrives in its
 * own TestStream event, so every trigger is evaluated after every element.
 */
@Requires({Capability.TRIGGERS, Capability.TEST_STREAM})
class WatermarkTriggerTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  private static Window<KV<String, Long>> minutes() {
    return Window.into(FixedWindows.of(Duration.ofMinutes(1)));
  }

  private static final String W0 = Panes.w(0, 60);
  private static final String W1 = Panes.w(60, 120);

  static Stream<TriggerCase> cases() {
    return Stream.of(
        new TriggerCase("default trigger: one on-time pane per window",
            stream().addElements(at("k", 1, 10)).addElements(at("k", 2, 20))
                .addElements(at("k", 3, 70)).advanceWatermarkToInfinity(),
            minutes(),
            List.of("k=[1, 2] " + W0 + " ON_TIME 0 last", "k=[3] " + W1 + " ON_TIME 0 last")),
        new TriggerCase("pastEndOfWindow fires once when the watermark passes the window",
            stream().addElements(at("k", 1, 10)).advanceWatermarkTo(t(30))
                .addElements(at("k", 2, 20)).advanceWatermarkTo(t(60))
                .addElements(at("k", 3, 61)).advanceWatermarkToInfinity(),
            minutes().triggering(AfterWatermark.pastEndOfWindow()).discardingFiredPanes(),
            List.of("k=[1, 2] " + W0 + " ON_TIME 0 last", "k=[3] " + W1 + " ON_TIME 0 last")),
        new TriggerCase("early firings, accumulating: each early pane repeats earlier elements",
            stream().addElements(at("k", 1, 10)).addElements(at("k", 2, 20))
                .advanceWatermarkTo(t(60)).advanceWatermarkToInfinity(),
            minutes().triggering(AfterWatermark.pastEndOfWindow()
                    .withEarlyFirings(AfterPane.elementCountAtLeast(1)))
                .accumulatingFiredPanes(),
            List.of("k=[1] " + W0 + " EARLY 0", "k=[1, 2] " + W0 + " EARLY 1",
                "k=[1, 2] " + W0 + " ON_TIME 2 last")),
        new TriggerCase("early firings, discarding: the on-time pane is empty but still fires",
            stream().addElements(at("k", 1, 10)).addElements(at("k", 2, 20))
                .advanceWatermarkTo(t(60)).advanceWatermarkToInfinity(),
            minutes().triggering(AfterWatermark.pastEndOfWindow()
                    .withEarlyFirings(AfterPane.elementCountAtLeast(1)))
                .discardingFiredPanes(),
            List.of("k=[1] " + W0 + " EARLY 0", "k=[2] " + W0 + " EARLY 1",
                "k=[] " + W0 + " ON_TIME 2 last")),
        new TriggerCase("early firings of two elements keep the third for the on-time pane",
            stream().addElements(at("k", 1, 10)).addElements(at("k", 2, 20))
                .addElements(at("k", 3, 30)).advanceWatermarkTo(t(60))
                .advanceWatermarkToInfinity(),
            minutes().triggering(AfterWatermark.pastEndOfWindow()
                    .withEarlyFirings(AfterPane.elementCountAtLeast(2)))
                .accumulatingFiredPanes(),
            List.of("k=[1, 2] " + W0 + " EARLY 0", "k=[1, 2, 3] " + W0 + " ON_TIME 1 last")),
        new TriggerCase("late firings, accumulating",
            stream().addElements(at("k", 1, 10)).advanceWatermarkTo(t(60))
                .addElements(at("k", 2, 20)).addElements(at("k", 3, 30))
                .advanceWatermarkToInfinity(),
            minutes().triggering(AfterWatermark.pastEndOfWindow()
                    .withLateFirings(AfterPane.elementCountAtLeast(1)))
                .withAllowedLateness(Duration.ofMinutes(5)).accumulatingFiredPanes(),
            List.of("k=[1] " + W0 + " ON_TIME 0", "k=[1, 2] " + W0 + " LATE 1",
                "k=[1, 2, 3] " + W0 + " LATE 2")),
        new TriggerCase("late firings, discarding",
            stream().addElements(at("k", 1, 10)).advanceWatermarkTo(t(60))
                .addElements(at("k", 2, 20)).addElements(at("k", 3, 30))
                .advanceWatermarkToInfinity(),
            minutes().triggering(AfterWatermark.pastEndOfWindow()
                    .withLateFirings(AfterPane.elementCountAtLeast(1)))
                .withAllowedLateness(Duration.ofMinutes(5)).discardingFiredPanes(),
            List.of("k=[1] " + W0 + " ON_TIME 0", "k=[2] " + W0 + " LATE 1",
                "k=[3] " + W0 + " LATE 2")),
        new TriggerCase("early and late firings together",
            stream().addElements(at("k", 1, 10)).addElements(at("k", 2, 20))
                .advanceWatermarkTo(t(60)).addElements(at("k", 3, 30))
                .advanceWatermarkToInfinity(),
            minutes().triggering(AfterWatermark.pastEndOfWindow()
                    .withEarlyFirings(AfterPane.elementCountAtLeast(1))
                    .withLateFirings(AfterPane.elementCountAtLeast(1)))
                .withAllowedLateness(Duration.ofMinutes(5)).accumulatingFiredPanes(),
            List.of("k=[1] " + W0 + " EARLY 0", "k=[1, 2] " + W0 + " EARLY 1",
                "k=[1, 2] " + W0 + " ON_TIME 2", "k=[1, 2, 3] " + W0 + " LATE 3")),
        new TriggerCase("late firings of two; the leftover fires as the final pane at expiry",
            stream().addElements(at("k", 1, 10)).advanceWatermarkTo(t(60))
                .addElements(at("k", 2, 20)).addElements(at("k", 3, 30))
                .addElements(at("k", 4, 40)).advanceWatermarkToInfinity(),
            minutes().triggering(AfterWatermark.pastEndOfWindow()
                    .withLateFirings(AfterPane.elementCountAtLeast(2)))
                .withAllowedLateness(Duration.ofMinutes(5)).discardingFiredPanes(),
            List.of("k=[1] " + W0 + " ON_TIME 0", "k=[2, 3] " + W0 + " LATE 1",
                "k=[4] " + W0 + " LATE 2 last")),
        new TriggerCase("without allowed lateness, data behind the closed window is dropped",
            stream().addElements(at("k", 1, 10)).advanceWatermarkTo(t(60))
                .addElements(at("k", 2, 20)).advanceWatermarkToInfinity(),
            minutes().triggering(AfterWatermark.pastEndOfWindow()
                    .withEarlyFirings(AfterPane.elementCountAtLeast(5)))
                .accumulatingFiredPanes(),
            List.of("k=[1] " + W0 + " ON_TIME 0 last")),
        new TriggerCase("a watermark jump past the allowed lateness gives one on-time final pane",
            stream().addElements(at("k", 1, 10)).addElements(at("k", 2, 20))
                .advanceWatermarkToInfinity(),
            minutes().triggering(AfterWatermark.pastEndOfWindow()
                    .withLateFirings(AfterPane.elementCountAtLeast(1)))
                .withAllowedLateness(Duration.ofMinutes(5)).accumulatingFiredPanes(),
            List.of("k=[1, 2] " + W0 + " ON_TIME 0 last")),
        new TriggerCase("default trigger with allowed lateness fires a late pane per late element",
            stream().addElements(at("k", 1, 10)).advanceWatermarkTo(t(60))
                .addElements(at("k", 2, 20)).addElements(at("k", 3, 30))
                .advanceWatermarkToInfinity(),
            minutes().withAllowedLateness(Duration.ofMinutes(5)),
            List.of("k=[1] " + W0 + " ON_TIME 0", "k=[2] " + W0 + " LATE 1",
                "k=[3] " + W0 + " LATE 2")),
        new TriggerCase("Repeatedly.forever(pastEndOfWindow) behaves as the default trigger",
            stream().addElements(at("k", 1, 10)).advanceWatermarkTo(t(60))
                .addElements(at("k", 2, 20)).advanceWatermarkToInfinity(),
            minutes().triggering(Repeatedly.forever(AfterWatermark.pastEndOfWindow()))
                .withAllowedLateness(Duration.ofMinutes(5)).accumulatingFiredPanes(),
            List.of("k=[1] " + W0 + " ON_TIME 0", "k=[1, 2] " + W0 + " LATE 1")),
        new TriggerCase("keys and windows fire independently",
            stream().addElements(at("a", 1, 10)).addElements(at("b", 2, 20))
                .addElements(at("a", 3, 70)).advanceWatermarkTo(t(60))
                .addElements(at("a", 4, 80)).advanceWatermarkToInfinity(),
            minutes().triggering(AfterWatermark.pastEndOfWindow()
                    .withEarlyFirings(AfterPane.elementCountAtLeast(2)))
                .discardingFiredPanes(),
            List.of("a=[1] " + W0 + " ON_TIME 0 last", "b=[2] " + W0 + " ON_TIME 0 last",
                "a=[3, 4] " + W1 + " EARLY 0", "a=[] " + W1 + " ON_TIME 1 last")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void panes(TriggerCase c) {
    PAssert.that(Panes.groupAndRender(p.apply(c.events()).apply(c.window())))
        .containsInAnyOrder(c.expected());
    p.run();
  }
}
