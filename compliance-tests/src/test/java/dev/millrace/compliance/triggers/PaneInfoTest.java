package dev.millrace.compliance.triggers;

import static dev.millrace.compliance.triggers.Panes.at;
import static dev.millrace.compliance.triggers.Panes.stream;
import static dev.millrace.compliance.triggers.Panes.t;

import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.ClosingBehavior;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.GlobalWindows;
import dev.millrace.windowing.PaneInfo;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterWatermark;
import dev.millrace.windowing.triggers.Repeatedly;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pane metadata DoFns see: timing, index, non-speculative index (-1 for early panes), and the
 * first and last flags, before any grouping, after one, and after a ParDo that follows one.
 */
@Requires({Capability.TRIGGERS, Capability.TEST_STREAM})
class PaneInfoTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  /** Renders the pane of an ungrouped element. */
  static final class ElementPane extends DoFn<Long, String> {
    @Override
    public void processElement(ProcessContext c) {
      PaneInfo pane = c.pane();
      c.output(c.element() + " " + pane.timing() + " i=" + pane.index() + " ns="
          + pane.nonSpeculativeIndex() + (pane.isFirst() ? " first" : "")
          + (pane.isLast() ? " last" : ""));
    }
  }

  /** Passes grouped elements through unchanged (the pane must be kept). */
  static final class Identity extends DoFn<KV<String, Iterable<Long>>, KV<String, Iterable<Long>>> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element());
    }
  }

  private static PCollection<String> groupAndRenderMeta(PCollection<KV<String, Long>> in) {
    return in.apply("Group", GroupByKey.create()).apply("Meta", ParDo.of(new Panes.RenderMeta()));
  }

  @Test
  void elementsBeforeAnyGroupingHaveNoFiring() {
    PCollection<String> out = p.apply(Create.of(1L, 2L)).apply(ParDo.of(new ElementPane()));
    PAssert.that(out).containsInAnyOrder("1 UNKNOWN i=0 ns=0 first last",
        "2 UNKNOWN i=0 ns=0 first last");
    p.run();
  }

  @Test
  void aBoundedGroupingFiresOneOnTimeAndOnlyPane() {
    PCollection<KV<String, Long>> in = p.apply(Create.of(KV.of("k", 1L), KV.of("k", 2L))
        .withCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())));
    PAssert.that(groupAndRenderMeta(in)).containsInAnyOrder("k=[1, 2] ON_TIME i=0 ns=0 first last");
    p.run();
  }

  @Test
  void earlyOnTimeLateAndClosingPanes() {
    PCollection<KV<String, Long>> in = p.apply(stream()
            .addElements(at("k", 1, 10)).addElements(at("k", 2, 20))
            .advanceWatermarkTo(t(60)).addElements(at("k", 3, 30))
            .advanceWatermarkToInfinity())
        .apply(Window.<KV<String, Long>>into(FixedWindows.of(Duration.ofMinutes(1)))
            .triggering(AfterWatermark.pastEndOfWindow()
                .withEarlyFirings(AfterPane.elementCountAtLeast(1))
                .withLateFirings(AfterPane.elementCountAtLeast(1)))
            .withAllowedLateness(Duration.ofMinutes(5))
            .withClosingBehavior(ClosingBehavior.FIRE_ALWAYS)
            .accumulatingFiredPanes());
    PAssert.that(groupAndRenderMeta(in)).containsInAnyOrder(
        "k=[1] EARLY i=0 ns=-1 first",
        "k=[1, 2] EARLY i=1 ns=-1",
        "k=[1, 2] ON_TIME i=2 ns=0",
        "k=[1, 2, 3] LATE i=3 ns=1",
        "k=[1, 2, 3] LATE i=4 ns=2 last");
    p.run();
  }

  @Test
  void repeatedCountPanesInTheGlobalWindow() {
    PCollection<KV<String, Long>> in = p.apply(stream()
            .addElements(at("k", 1, 1)).addElements(at("k", 2, 2)).addElements(at("k", 3, 3))
            .advanceWatermarkToInfinity())
        .apply(Window.<KV<String, Long>>into(GlobalWindows.of())
            .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(1)))
            .discardingFiredPanes());
    PAssert.that(groupAndRenderMeta(in)).containsInAnyOrder(
        "k=[1] EARLY i=0 ns=-1 first", "k=[2] EARLY i=1 ns=-1", "k=[3] EARLY i=2 ns=-1",
        "k=[] ON_TIME i=3 ns=0 last");
    p.run();
  }

  @Test
  void onTimeThenLatePanesCountNonSpeculativeIndices() {
    PCollection<KV<String, Long>> in = p.apply(stream()
            .addElements(at("k", 1, 10)).advanceWatermarkTo(t(60))
            .addElements(at("k", 2, 20)).addElements(at("k", 3, 30))
            .advanceWatermarkToInfinity())
        .apply(Window.<KV<String, Long>>into(FixedWindows.of(Duration.ofMinutes(1)))
            .triggering(AfterWatermark.pastEndOfWindow()
                .withLateFirings(AfterPane.elementCountAtLeast(1)))
            .withAllowedLateness(Duration.ofMinutes(5))
            .discardingFiredPanes());
    PAssert.that(groupAndRenderMeta(in)).containsInAnyOrder(
        "k=[1] ON_TIME i=0 ns=0 first", "k=[2] LATE i=1 ns=1", "k=[3] LATE i=2 ns=2");
    p.run();
  }

  @Test
  void aParDoAfterAGroupingKeepsThePane() {
    PCollection<KV<String, Iterable<Long>>> grouped = p.apply(stream()
            .addElements(at("k", 1, 10)).advanceWatermarkTo(t(60))
            .advanceWatermarkToInfinity())
        .apply(Window.<KV<String, Long>>into(FixedWindows.of(Duration.ofMinutes(1)))
            .triggering(AfterWatermark.pastEndOfWindow()
                .withEarlyFirings(AfterPane.elementCountAtLeast(1)))
            .accumulatingFiredPanes())
        .apply("Group", GroupByKey.create());
    PCollection<String> out = grouped.apply("Identity", ParDo.of(new Identity()))
        .setCoder(grouped.getCoder())
        .apply("Meta", ParDo.of(new Panes.RenderMeta()));
    PAssert.that(out).containsInAnyOrder(
        "k=[1] EARLY i=0 ns=-1 first", "k=[1] ON_TIME i=1 ns=0 last");
    p.run();
  }
}
