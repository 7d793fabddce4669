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
import dev.millrace.windowing.GlobalWindows;
import dev.millrace.windowing.triggers.AfterProcessingTime;
import dev.millrace.windowing.triggers.AfterWatermark;
import dev.millrace.windowing.triggers.Repeatedly;
import dev.millrace.windowing.triggers.Trigger;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code AfterProcessingTime} under TestStream's virtual processing-time clock (which starts at
 * the epoch and moves only with {@code advanceProcessingTime}): delays, alignment, both together,
 * a start time, and processing-time early and late firings.
 */
@Requires({Capability.TRIGGERS, Capability.TEST_STREAM, Capability.PROCESSING_TIME})
class ProcessingTimeTriggerTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  private static Duration s(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  private static Window<KV<String, Long>> global(Trigger t) {
    return Window.<KV<String, Long>>into(GlobalWindows.of()).triggering(Repeatedly.forever(t));
  }

  private static AfterProcessingTime first() {
    return AfterProcessingTime.pastFirstElementInPane();
  }

  static Stream<TriggerCase> cases() {
    String w0 = Panes.w(0, 60);
    return Stream.of(
        new TriggerCase("a delay counts from the first element of the pane, discarding",
            stream().addElements(at("k", 1, 1)).addElements(at("k", 2, 2))
                .advanceProcessingTime(s(30)).addElements(at("k", 3, 3))
                .advanceProcessingTime(s(31)).addElements(at("k", 4, 4))
                .advanceProcessingTime(s(61)).advanceWatermarkToInfinity(),
            global(first().plusDelayOf(s(60))).discardingFiredPanes(),
            List.of("k=[1, 2, 3] GW EARLY 0", "k=[4] GW EARLY 1", "k=[] GW ON_TIME 2 last")),
        new TriggerCase("a delay, accumulating",
            stream().addElements(at("k", 1, 1)).addElements(at("k", 2, 2))
                .advanceProcessingTime(s(30)).addElements(at("k", 3, 3))
                .advanceProcessingTime(s(31)).addElements(at("k", 4, 4))
                .advanceProcessingTime(s(61)).advanceWatermarkToInfinity(),
            global(first().plusDelayOf(s(60))).accumulatingFiredPanes(),
            List.of("k=[1, 2, 3] GW EARLY 0", "k=[1, 2, 3, 4] GW EARLY 1",
                "k=[1, 2, 3, 4] GW ON_TIME 2 last")),
        new TriggerCase("processing time passing before any element does not count",
            stream().advanceProcessingTime(s(120)).addElements(at("k", 1, 1))
                .advanceProcessingTime(s(30)).advanceWatermarkToInfinity(),
            global(first().plusDelayOf(s(60))).discardingFiredPanes(),
            List.of("k=[1] GW ON_TIME 0 last")),
        new TriggerCase("alignedTo rounds the first element's time up to the next period",
            stream().advanceProcessingTime(s(10)).addElements(at("k", 1, 1))
                .advanceProcessingTime(s(40)).addElements(at("k", 2, 2))
                .advanceProcessingTime(s(15)).addElements(at("k", 3, 3))
                .advanceProcessingTime(s(60)).advanceWatermarkToInfinity(),
            global(first().alignedTo(s(60))).discardingFiredPanes(),
            List.of("k=[1, 2] GW EARLY 0", "k=[3] GW EARLY 1", "k=[] GW ON_TIME 2 last")),
        new TriggerCase("alignedTo with an offset",
            stream().advanceProcessingTime(s(10)).addElements(at("k", 1, 1))
                .advanceProcessingTime(s(25)).addElements(at("k", 2, 2))
                .advanceWatermarkToInfinity(),
            global(first().alignedTo(s(60), t(30))).discardingFiredPanes(),
            List.of("k=[1] GW EARLY 0", "k=[2] GW ON_TIME 1 last")),
        new TriggerCase("plusDelayOf then alignedTo: delay first, then round up",
            stream().advanceProcessingTime(s(45)).addElements(at("k", 1, 1))
                .advanceProcessingTime(s(14)).addElements(at("k", 2, 2))
                .advanceProcessingTime(s(2)).addElements(at("k", 3, 3))
                .advanceWatermarkToInfinity(),
            global(first().plusDelayOf(s(10)).alignedTo(s(60))).discardingFiredPanes(),
            List.of("k=[1, 2] GW EARLY 0", "k=[3] GW ON_TIME 1 last")),
        new TriggerCase("the virtual clock starts at withStartProcessingTime",
            stream().withStartProcessingTime(t(1000)).addElements(at("k", 1, 1))
                .advanceProcessingTime(s(25)).addElements(at("k", 2, 2))
                .advanceWatermarkToInfinity(),
            global(first().alignedTo(s(60))).discardingFiredPanes(),
            List.of("k=[1] GW EARLY 0", "k=[2] GW ON_TIME 1 last")),
        new TriggerCase("deadlines are per key",
            stream().addElements(at("a", 1, 1)).advanceProcessingTime(s(30))
                .addElements(at("b", 2, 2)).advanceProcessingTime(s(40))
                .addElements(at("a", 3, 3)).addElements(at("b", 4, 4))
                .advanceProcessingTime(s(30)).advanceWatermarkToInfinity(),
            global(first().plusDelayOf(s(60))).discardingFiredPanes(),
            List.of("a=[1] GW EARLY 0", "b=[2, 4] GW EARLY 0", "a=[3] GW ON_TIME 1 last",
                "b=[] GW ON_TIME 1 last")),
        new TriggerCase("processing-time early firings in event-time windows",
            stream().addElements(at("k", 1, 10)).advanceProcessingTime(s(61))
                .addElements(at("k", 2, 20)).advanceWatermarkTo(t(60))
                .advanceWatermarkToInfinity(),
            Window.<KV<String, Long>>into(FixedWindows.of(Duration.ofMinutes(1)))
                .triggering(AfterWatermark.pastEndOfWindow()
                    .withEarlyFirings(first().plusDelayOf(s(60))))
                .accumulatingFiredPanes(),
            List.of("k=[1] " + w0 + " EARLY 0", "k=[1, 2] " + w0 + " ON_TIME 1 last")),
        new TriggerCase("processing-time late firings",
            stream().addElements(at("k", 1, 10)).advanceWatermarkTo(t(60))
                .addElements(at("k", 2, 20)).addElements(at("k", 3, 30))
                .advanceProcessingTime(s(61)).advanceWatermarkToInfinity(),
            Window.<KV<String, Long>>into(FixedWindows.of(Duration.ofMinutes(1)))
                .triggering(AfterWatermark.pastEndOfWindow()
                    .withLateFirings(first().plusDelayOf(s(60))))
                .withAllowedLateness(Duration.ofMinutes(10)).discardingFiredPanes(),
            List.of("k=[1] " + w0 + " ON_TIME 0", "k=[2, 3] " + w0 + " LATE 1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void panes(TriggerCase c) {
    PAssert.that(Panes.groupAndRender(p.apply(c.events()).apply(c.window())))
        .containsInAnyOrder(c.expected());
    p.run();
  }
}
