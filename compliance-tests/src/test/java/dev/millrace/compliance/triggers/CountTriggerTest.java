package dev.millrace.compliance.triggers;

import static dev.millrace.compliance.triggers.Panes.GW;
import static dev.millrace.compliance.triggers.Panes.at;
import static dev.millrace.compliance.triggers.Panes.stream;

import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.testing.TestStream;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.GlobalWindows;
import dev.millrace.windowing.OnTimeBehavior;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.Repeatedly;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code Repeatedly.forever(AfterPane.elementCountAtLeast(n))}: counts per key and window, both
 * accumulation modes, the final pane at the end of the window, and "at least" for elements that
 * arrive together.
 */
@Requires({Capability.TRIGGERS, Capability.TEST_STREAM})
class CountTriggerTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  private static TestStream<KV<String, Long>> oneByOne(String key, int n) {
    TestStream<KV<String, Long>> s = stream();
    for (int i = 1; i <= n; i++) {
      s = s.addElements(at(key, i, i));
    }
    return s.advanceWatermarkToInfinity();
  }

  private static Window<KV<String, Long>> everyTwo() {
    return Window.<KV<String, Long>>into(GlobalWindows.of())
        .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(2)));
  }

  static Stream<TriggerCase> cases() {
    String w0 = Panes.w(0, 60);
    String w1 = Panes.w(60, 120);
    return Stream.of(
        new TriggerCase("every two, discarding; the leftover fires at the end of the window",
            oneByOne("k", 5), everyTwo().discardingFiredPanes(),
            List.of("k=[1, 2] GW EARLY 0", "k=[3, 4] GW EARLY 1", "k=[5] GW ON_TIME 2 last")),
        new TriggerCase("every two, accumulating",
            oneByOne("k", 5), everyTwo().accumulatingFiredPanes(),
            List.of("k=[1, 2] GW EARLY 0", "k=[1, 2, 3, 4] GW EARLY 1",
                "k=[1, 2, 3, 4, 5] GW ON_TIME 2 last")),
        new TriggerCase("nothing left: the on-time pane fires empty (FIRE_ALWAYS)",
            oneByOne("k", 4), everyTwo().discardingFiredPanes(),
            List.of("k=[1, 2] GW EARLY 0", "k=[3, 4] GW EARLY 1", "k=[] GW ON_TIME 2 last")),
        new TriggerCase("nothing left and FIRE_IF_NON_EMPTY: no on-time pane",
            oneByOne("k", 4),
            everyTwo().discardingFiredPanes().withOnTimeBehavior(OnTimeBehavior.FIRE_IF_NON_EMPTY),
            List.of("k=[1, 2] GW EARLY 0", "k=[3, 4] GW EARLY 1")),
        new TriggerCase("every element (count 1) gives a pane per element",
            oneByOne("k", 3),
            Window.<KV<String, Long>>into(GlobalWindows.of())
                .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(1)))
                .discardingFiredPanes(),
            List.of("k=[1] " + GW + " EARLY 0", "k=[2] GW EARLY 1", "k=[3] GW EARLY 2",
                "k=[] GW ON_TIME 3 last")),
        new TriggerCase("counts are per key",
            stream().addElements(at("a", 1, 1)).addElements(at("b", 2, 2))
                .addElements(at("a", 3, 3)).addElements(at("b", 4, 4))
                .addElements(at("a", 5, 5)).advanceWatermarkToInfinity(),
            everyTwo().discardingFiredPanes(),
            List.of("a=[1, 3] GW EARLY 0", "b=[2, 4] GW EARLY 0", "a=[5] GW ON_TIME 1 last",
                "b=[] GW ON_TIME 1 last")),
        new TriggerCase("counts are per window",
            stream().addElements(at("k", 1, 10)).addElements(at("k", 2, 70))
                .addElements(at("k", 3, 20)).addElements(at("k", 4, 80))
                .advanceWatermarkToInfinity(),
            Window.<KV<String, Long>>into(FixedWindows.of(Duration.ofMinutes(1)))
                .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(2)))
                .discardingFiredPanes(),
            List.of("k=[1, 3] " + w0 + " EARLY 0", "k=[2, 4] " + w1 + " EARLY 0",
                "k=[] " + w0 + " ON_TIME 1 last", "k=[] " + w1 + " ON_TIME 1 last")),
        new TriggerCase("at least: elements arriving together fire as one pane",
            stream().addElements(at("k", 1, 1), at("k", 2, 2), at("k", 3, 3))
                .addElements(at("k", 4, 4)).advanceWatermarkToInfinity(),
            everyTwo().discardingFiredPanes(),
            List.of("k=[1, 2, 3] GW EARLY 0", "k=[4] GW ON_TIME 1 last")),
        new TriggerCase("a count never reached fires only at the end of the window",
            oneByOne("k", 3),
            Window.<KV<String, Long>>into(GlobalWindows.of())
                .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(10)))
                .accumulatingFiredPanes(),
            List.of("k=[1, 2, 3] GW ON_TIME 0 last")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void panes(TriggerCase c) {
    PAssert.that(Panes.groupAndRender(p.apply(c.events()).apply(c.window())))
        .containsInAnyOrder(c.expected());
    p.run();
  }
}
