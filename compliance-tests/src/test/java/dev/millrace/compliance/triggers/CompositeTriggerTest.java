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
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.GlobalWindows;
import dev.millrace.windowing.triggers.AfterAll;
import dev.millrace.windowing.triggers.AfterEach;
import dev.millrace.windowing.triggers.AfterFirst;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterProcessingTime;
import dev.millrace.windowing.triggers.AfterWatermark;
import dev.millrace.windowing.triggers.Never;
import dev.millrace.windowing.triggers.Repeatedly;
import dev.millrace.windowing.triggers.Trigger;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Composed triggers: AfterEach, AfterFirst, AfterAll, orFinally and Never (top-level triggers that
 * may finish are wrapped in Repeatedly.forever, as a grouping requires). Cases that need
 * processing time are in {@link #processingTimeCases()}.
 */
@Requires({Capability.TRIGGERS, Capability.TEST_STREAM})
class CompositeTriggerTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  private static TestStream<KV<String, Long>> oneByOne(int n) {
    TestStream<KV<String, Long>> s = stream();
    for (int i = 1; i <= n; i++) {
      s = s.addElements(at("k", i, i));
    }
    return s.advanceWatermarkToInfinity();
  }

  private static Window<KV<String, Long>> global(Trigger t) {
    return Window.<KV<String, Long>>into(GlobalWindows.of()).triggering(t).discardingFiredPanes();
  }

  private static AfterPane count(int n) {
    return AfterPane.elementCountAtLeast(n);
  }

  static Stream<TriggerCase> cases() {
    String w0 = Panes.w(0, 60);
    return Stream.of(
        new TriggerCase("AfterEach runs its sub-triggers in order; Repeatedly restarts it",
            oneByOne(5), global(Repeatedly.forever(AfterEach.inOrder(count(2), count(1)))),
            List.of("k=[1, 2] GW EARLY 0", "k=[3] GW EARLY 1", "k=[4, 5] GW EARLY 2",
                "k=[] GW ON_TIME 3 last")),
        new TriggerCase("AfterFirst fires when its first member fires",
            stream().addElements(at("k", 1, 10)).addElements(at("k", 2, 20))
                .addElements(at("k", 3, 30)).addElements(at("k", 4, 40))
                .advanceWatermarkTo(t(60)).advanceWatermarkToInfinity(),
            Window.<KV<String, Long>>into(FixedWindows.of(Duration.ofMinutes(1)))
                .triggering(Repeatedly.forever(
                    AfterFirst.of(count(3), AfterWatermark.pastEndOfWindow())))
                .discardingFiredPanes(),
            List.of("k=[1, 2, 3] " + w0 + " EARLY 0", "k=[4] " + w0 + " ON_TIME 1 last")),
        new TriggerCase("orFinally: the until trigger ends the main one; Repeatedly restarts both",
            oneByOne(7),
            global(Repeatedly.forever(Repeatedly.forever(count(2)).orFinally(count(5)))),
            List.of("k=[1, 2] GW EARLY 0", "k=[3, 4] GW EARLY 1", "k=[5] GW EARLY 2",
                "k=[6, 7] GW EARLY 3", "k=[] GW ON_TIME 4 last")),
        new TriggerCase("Never fires only when the window closes, in the global window",
            oneByOne(3), global(Never.ever()),
            List.of("k=[1, 2, 3] GW ON_TIME 0 last")),
        new TriggerCase("Never fires only when the window closes, in fixed windows",
            stream().addElements(at("k", 1, 10)).addElements(at("k", 2, 20))
                .advanceWatermarkTo(t(30)).addElements(at("k", 3, 70))
                .advanceWatermarkTo(t(60)).advanceWatermarkToInfinity(),
            Window.<KV<String, Long>>into(FixedWindows.of(Duration.ofMinutes(1)))
                .triggering(Never.ever()).accumulatingFiredPanes(),
            List.of("k=[1, 2] " + w0 + " ON_TIME 0 last",
                "k=[3] " + Panes.w(60, 120) + " ON_TIME 0 last")),
        new TriggerCase("AfterAll of counts waits for the larger count",
            oneByOne(5), global(Repeatedly.forever(AfterAll.of(count(2), count(3)))),
            List.of("k=[1, 2, 3] GW EARLY 0", "k=[4, 5] GW ON_TIME 1 last")));
  }

  static Stream<TriggerCase> processingTimeCases() {
    Duration minute = Duration.ofSeconds(60);
    Duration past = Duration.ofSeconds(61);
    AfterProcessingTime delay = AfterProcessingTime.pastFirstElementInPane().plusDelayOf(minute);
    return Stream.of(
        new TriggerCase("AfterFirst of a count and a processing-time delay",
            stream().addElements(at("k", 1, 1)).addElements(at("k", 2, 2))
                .addElements(at("k", 3, 3)).addElements(at("k", 4, 4))
                .advanceProcessingTime(past).advanceWatermarkToInfinity(),
            global(Repeatedly.forever(AfterFirst.of(count(3), delay))),
            List.of("k=[1, 2, 3] GW EARLY 0", "k=[4] GW EARLY 1", "k=[] GW ON_TIME 2 last")),
        new TriggerCase("AfterAll of a count and a processing-time delay",
            stream().addElements(at("k", 1, 1)).addElements(at("k", 2, 2))
                .advanceProcessingTime(past).addElements(at("k", 3, 3))
                .advanceProcessingTime(Duration.ofSeconds(70)).addElements(at("k", 4, 4))
                .advanceWatermarkToInfinity(),
            global(Repeatedly.forever(AfterAll.of(count(2), delay))),
            List.of("k=[1, 2] GW EARLY 0", "k=[3, 4] GW EARLY 1", "k=[] GW ON_TIME 2 last")),
        new TriggerCase("AfterEach of a count then a processing-time delay",
            stream().addElements(at("k", 1, 1)).addElements(at("k", 2, 2))
                .addElements(at("k", 3, 3)).advanceProcessingTime(past)
                .addElements(at("k", 4, 4)).advanceWatermarkToInfinity(),
            global(Repeatedly.forever(AfterEach.inOrder(count(2), delay))),
            List.of("k=[1, 2] GW EARLY 0", "k=[3] GW EARLY 1", "k=[4] GW ON_TIME 2 last")),
        new TriggerCase("a count or finally a processing-time delay",
            stream().addElements(at("k", 1, 1)).addElements(at("k", 2, 2))
                .addElements(at("k", 3, 3)).advanceProcessingTime(past)
                .addElements(at("k", 4, 4)).advanceWatermarkToInfinity(),
            global(Repeatedly.forever(Repeatedly.forever(count(2)).orFinally(delay))),
            List.of("k=[1, 2] GW EARLY 0", "k=[3] GW EARLY 1", "k=[4] GW ON_TIME 2 last")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void panes(TriggerCase c) {
    PAssert.that(Panes.groupAndRender(p.apply(c.events()).apply(c.window())))
        .containsInAnyOrder(c.expected());
    p.run();
  }

  @Requires({Capability.TRIGGERS, Capability.TEST_STREAM, Capability.PROCESSING_TIME})
  @ParameterizedTest(name = "{0}")
  @MethodSource("processingTimeCases")
  void processingTimePanes(TriggerCase c) {
    PAssert.that(Panes.groupAndRender(p.apply(c.events()).apply(c.window())))
        .containsInAnyOrder(c.expected());
    p.run();
  }
}
