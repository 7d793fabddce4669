package dev.millrace.compliance.windowing;

import static dev.millrace.compliance.triggers.Panes.at;
import static dev.millrace.compliance.triggers.Panes.stream;
import static dev.millrace.compliance.triggers.Panes.t;

import dev.millrace.compliance.capability.Requires;
import dev.millrace.compliance.triggers.Panes;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.Sessions;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterWatermark;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sessions over a stream: windows merge as elements arrive, including an element behind the
 * watermark that bridges a session that already fired and a later one; merged windows merge
 * their buffered values and their trigger state. Values are the elements' timestamps in seconds.
 */
@Requires({Capability.MERGING_WINDOWS, Capability.TRIGGERS, Capability.TEST_STREAM})
class SessionMergingTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  private static Window<KV<String, Long>> sessions() {
    return Window.<KV<String, Long>>into(Sessions.withGapDuration(Duration.ofMinutes(1)))
        .withAllowedLateness(Duration.ofMinutes(10));
  }

  private PCollection<String> render(PCollection<KV<String, Long>> in) {
    return in.apply(GroupByKey.create()).apply(ParDo.of(new WindowFnsTest.RenderGroup()));
  }

  private PCollection<KV<String, Long>> bridged(Window<KV<String, Long>> window) {
    return p.apply(stream()
            .addElements(at("a", 0, 0), at("a", 100, 100))
            .advanceWatermarkTo(t(70))
            .addElements(at("a", 50, 50))
            .advanceWatermarkToInfinity())
        .apply(window);
  }

  @Test
  void aLateElementBridgesTwoSessionsAccumulating() {
    PAssert.that(render(bridged(sessions().accumulatingFiredPanes())))
        .containsInAnyOrder("a=[0] [0,60)", "a=[0, 50, 100] [0,160)");
    p.run();
  }

  @Test
  void aLateElementBridgesTwoSessionsDiscarding() {
    PAssert.that(render(bridged(sessions().discardingFiredPanes())))
        .containsInAnyOrder("a=[0] [0,60)", "a=[50, 100] [0,160)");
    p.run();
  }

  @Test
  void sessionsGrowAsElementsArrive() {
    PCollection<KV<String, Long>> in = p.apply(stream()
            .addElements(at("a", 0, 0)).addElements(at("a", 40, 40))
            .addElements(at("a", 80, 80)).advanceWatermarkToInfinity())
        .apply(sessions().discardingFiredPanes());
    PAssert.that(render(in)).containsInAnyOrder("a=[0, 40, 80] [0,140)");
    p.run();
  }

  @Test
  void earlyFiringCountsMergeWithTheirWindows() {
    PCollection<KV<String, Long>> in = p.apply(stream()
            .addElements(at("a", 0, 0)).addElements(at("a", 200, 200))
            .addElements(at("a", 100, 100))
            .advanceWatermarkToInfinity())
        .apply(Window.<KV<String, Long>>into(Sessions.withGapDuration(Duration.ofSeconds(110)))
            .triggering(AfterWatermark.pastEndOfWindow()
                .withEarlyFirings(AfterPane.elementCountAtLeast(3)))
            .accumulatingFiredPanes());
    PAssert.that(Panes.groupAndRender(in)).containsInAnyOrder(
        "a=[0, 100, 200] [0,310) EARLY 0", "a=[0, 100, 200] [0,310) ON_TIME 1 last");
    p.run();
  }
}
