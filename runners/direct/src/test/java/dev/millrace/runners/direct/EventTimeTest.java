package dev.millrace.runners.direct;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.Pipeline;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.testing.TestStream;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.IntervalWindow;
import dev.millrace.windowing.PaneInfo;
import dev.millrace.windowing.Sessions;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterWatermark;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Event-time execution on the direct runner: TestStream, triggers, lateness, sessions. */
class EventTimeTest implements Serializable {

  private static Instant t(int seconds) {
    return Instant.ofEpochSecond(seconds);
  }

  /** Renders each pane as "key=sum [window] TIMING index". */
  static final class SumPanes extends DoFn<KV<String, Iterable<Long>>, String> {
    @Override
    public void processElement(ProcessContext c) {
      long sum = 0;
      for (long v : c.element().getValue()) {
        sum += v;
      }
      PaneInfo pane = c.pane();
      c.output(c.element().getKey() + "=" + sum + " " + c.window() + " " + pane.timing() + " "
          + pane.index() + (pane.isLast() ? " last" : ""));
    }
  }

  private static Pipeline pipeline() {
    return Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=direct").create());
  }

  @Test
  void lateDataWithinAllowedLatenessRefinesAccumulatingPanes() {
    Pipeline p = pipeline();
    TestStream<KV<String, Long>> events = TestStream.create(
            KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .addElements(TimestampedValue.of(KV.of("k", 5L), t(10)))
        .advanceWatermarkTo(t(60))
        .addElements(TimestampedValue.of(KV.of("k", 3L), t(20)))
        .advanceWatermarkTo(t(420))
        .addElements(TimestampedValue.of(KV.of("k", 1L), t(30)))
        .advanceWatermarkToInfinity();
    PCollection<String> panes = p.apply(events)
        .apply(Window.<KV<String, Long>>into(FixedWindows.of(Duration.ofMinutes(1)))
            .triggering(AfterWatermark.pastEndOfWindow().withLateFirings(AfterPane.elementCountAtLeast(1)))
            .withAllowedLateness(Duration.ofMinutes(5))
            .accumulatingFiredPanes())
        .apply(GroupByKey.create())
        .apply(ParDo.of(new SumPanes()));
    String id = Collect.of(panes);
    PipelineResultAssert.done(p.run());
    String w = new IntervalWindow(t(0), t(60)).toString();
    assertThat(Collect.<String>results(id)).containsExactlyInAnyOrder(
        "k=5 " + w + " ON_TIME 0", "k=8 " + w + " LATE 1");
  }

  @Test
  void sessionsMergeWithinTheGap() {
    Pipeline p = pipeline();
    TestStream<KV<String, Long>> events = TestStream.create(
            KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .addElements(TimestampedValue.of(KV.of("u", 1L), t(0)),
            TimestampedValue.of(KV.of("u", 1L), t(30)),
            TimestampedValue.of(KV.of("u", 1L), t(120)));
    PCollection<String> panes = p.apply(events)
        .apply(Window.<KV<String, Long>>into(Sessions.withGapDuration(Duration.ofMinutes(1))))
        .apply(GroupByKey.create())
        .apply(ParDo.of(new SumPanes()));
    String id = Collect.of(panes);
    PipelineResultAssert.done(p.run());
    assertThat(Collect.<String>results(id)).containsExactlyInAnyOrder(
        "u=2 " + new IntervalWindow(t(0), t(90)) + " ON_TIME 0 last",
        "u=1 " + new IntervalWindow(t(120), t(180)) + " ON_TIME 0 last");
  }

  @Test
  void processingTimeTriggersFireOnTheVirtualClock() {
    Pipeline p = pipeline();
    TestStream<KV<String, Long>> events = TestStream.create(
            KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .addElements(TimestampedValue.of(KV.of("k", 1L), t(1)))
        .advanceProcessingTime(Duration.ofMinutes(6))
        .addElements(TimestampedValue.of(KV.of("k", 2L), t(2)))
        .advanceProcessingTime(Duration.ofMinutes(6))
        .advanceWatermarkToInfinity();
    PCollection<String> panes = p.apply(events)
        .apply(Window.<KV<String, Long>>into(dev.millrace.windowing.GlobalWindows.of())
            .triggering(dev.millrace.windowing.triggers.Repeatedly.forever(
                dev.millrace.windowing.triggers.AfterProcessingTime.pastFirstElementInPane()
                    .plusDelayOf(Duration.ofMinutes(5))))
            .discardingFiredPanes())
        .apply(GroupByKey.create())
        .apply(ParDo.of(new SumPanes()));
    String id = Collect.of(panes);
    PipelineResultAssert.done(p.run());
    // Each processing-time firing holds only its own element (discarding); at the end of the
    // global window the on-time pane fires although empty (onTimeBehavior FIRE_ALWAYS).
    assertThat(Collect.<String>results(id)).containsExactlyInAnyOrder(
        "k=1 GlobalWindow EARLY 0", "k=2 GlobalWindow EARLY 1", "k=0 GlobalWindow ON_TIME 2 last");
  }

  /** Small assertion helper. */
  static final class PipelineResultAssert {
    static void done(dev.millrace.PipelineResult r) {
      assertThat(r.waitUntilFinish()).isEqualTo(dev.millrace.PipelineResult.State.DONE);
    }
  }
}
