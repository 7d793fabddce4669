package dev.millrace.runners.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.testing.TestStream;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Sum;
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
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Event-time pipelines driven by a TestStream on a real Flink MiniCluster in STREAMING mode: the
 * windowing core runs over Flink keyed state and timers, so panes, lateness and merging must be
 * exactly those of the other runners.
 */
class FlinkStreamingPipelineTest implements Serializable {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static Pipeline pipeline() {
    return Pipeline.create(
        PipelineOptionsFactory.fromArgs("--runner=flink", "--parallelism=2").create());
  }

  private static Instant t(int seconds) {
    return Instant.ofEpochSecond(seconds);
  }

  private static TestStream<KV<String, Long>> stream() {
    return TestStream.create(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
  }

  /** Renders each pane as "key=sum [window] TIMING index [last]". */
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

  static final class FormatSum extends DoFn<KV<String, Long>, String> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element().getKey() + "=" + c.element().getValue() + " " + c.window() + " "
          + c.pane().timing());
    }
  }

  private static void done(PipelineResult r) {
    assertThat(r.waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);
  }

  @Test
  void fixedWindowsFireOnTimeAndDropLateData() {
    Pipeline p = pipeline();
    PCollection<String> panes = p.apply(stream()
            .addElements(TimestampedValue.of(KV.of("a", 1L), t(1)),
                TimestampedValue.of(KV.of("b", 10L), t(5)),
                TimestampedValue.of(KV.of("a", 2L), t(59)))
            .addElements(TimestampedValue.of(KV.of("a", 4L), t(61)))
            .advanceWatermarkTo(t(90))
            .addElements(TimestampedValue.of(KV.of("a", 100L), t(30)))
            .addElements(TimestampedValue.of(KV.of("a", 8L), t(100)))
            .advanceWatermarkToInfinity())
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))))
        .apply(GroupByKey.create())
        .apply(ParDo.of(new SumPanes()));
    String id = Collect.of(panes);
    done(p.run());
    String w0 = new IntervalWindow(t(0), t(60)).toString();
    String w1 = new IntervalWindow(t(60), t(120)).toString();
    assertThat(Collect.<String>results(id)).containsExactlyInAnyOrder(
        "a=3 " + w0 + " ON_TIME 0 last", "b=10 " + w0 + " ON_TIME 0 last",
        "a=12 " + w1 + " ON_TIME 0 last");
  }

  @Test
  void lateDataWithinAllowedLatenessRefinesAccumulatingPanes() {
    Pipeline p = pipeline();
    PCollection<String> panes = p.apply(stream()
            .addElements(TimestampedValue.of(KV.of("k", 5L), t(10)))
            .advanceWatermarkTo(t(60))
            .addElements(TimestampedValue.of(KV.of("k", 3L), t(20)))
            .advanceWatermarkTo(t(420))
            .addElements(TimestampedValue.of(KV.of("k", 1L), t(30)))
            .advanceWatermarkToInfinity())
        .apply(Window.<KV<String, Long>>into(FixedWindows.of(Duration.ofMinutes(1)))
            .triggering(AfterWatermark.pastEndOfWindow()
                .withLateFirings(AfterPane.elementCountAtLeast(1)))
            .withAllowedLateness(Duration.ofMinutes(5))
            .accumulatingFiredPanes())
        .apply(GroupByKey.create())
        .apply(ParDo.of(new SumPanes()));
    String id = Collect.of(panes);
    done(p.run());
    String w = new IntervalWindow(t(0), t(60)).toString();
    assertThat(Collect.<String>results(id)).containsExactlyInAnyOrder(
        "k=5 " + w + " ON_TIME 0", "k=8 " + w + " LATE 1");
  }

  @Test
  void elementsAddedTogetherAreOneBundleForCountTriggers() {
    Pipeline p = pipeline();
    PCollection<String> panes = p.apply(stream()
            .addElements(TimestampedValue.of(KV.of("k", 1L), t(1)),
                TimestampedValue.of(KV.of("k", 2L), t(2)),
                TimestampedValue.of(KV.of("k", 3L), t(3)))
            .addElements(TimestampedValue.of(KV.of("k", 4L), t(4)))
            .advanceWatermarkToInfinity())
        .apply(Window.<KV<String, Long>>into(dev.millrace.windowing.GlobalWindows.of())
            .triggering(dev.millrace.windowing.triggers.Repeatedly.forever(
                AfterPane.elementCountAtLeast(2)))
            .discardingFiredPanes())
        .apply(GroupByKey.create())
        .apply(ParDo.of(new SumPanes()));
    String id = Collect.of(panes);
    done(p.run());
    // The first event's three elements arrive together: one EARLY pane with all three.
    assertThat(Collect.<String>results(id)).containsExactlyInAnyOrder(
        "k=6 GlobalWindow EARLY 0", "k=4 GlobalWindow ON_TIME 1 last");
  }

  @Test
  void sessionsMergeWithinTheGap() {
    Pipeline p = pipeline();
    PCollection<String> panes = p.apply(stream()
            .addElements(TimestampedValue.of(KV.of("u", 1L), t(0)),
                TimestampedValue.of(KV.of("u", 1L), t(30)),
                TimestampedValue.of(KV.of("u", 1L), t(120))))
        .apply(Window.<KV<String, Long>>into(Sessions.withGapDuration(Duration.ofMinutes(1))))
        .apply(GroupByKey.create())
        .apply(ParDo.of(new SumPanes()));
    String id = Collect.of(panes);
    done(p.run());
    assertThat(Collect.<String>results(id)).containsExactlyInAnyOrder(
        "u=2 " + new IntervalWindow(t(0), t(90)) + " ON_TIME 0 last",
        "u=1 " + new IntervalWindow(t(120), t(180)) + " ON_TIME 0 last");
  }

  @Test
  void liftedCombinePerKeyInWindows() {
    Pipeline p = pipeline();
    PCollection<String> sums = p.apply(stream()
            .addElements(TimestampedValue.of(KV.of("a", 1L), t(1)),
                TimestampedValue.of(KV.of("a", 2L), t(2)),
                TimestampedValue.of(KV.of("b", 5L), t(3)))
            .advanceWatermarkTo(t(30))
            .addElements(TimestampedValue.of(KV.of("a", 4L), t(70)))
            .advanceWatermarkToInfinity())
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))))
        .apply(Sum.longsPerKey())
        .apply(ParDo.of(new FormatSum()));
    String id = Collect.of(sums);
    done(p.run());
    String w0 = new IntervalWindow(t(0), t(60)).toString();
    String w1 = new IntervalWindow(t(60), t(120)).toString();
    assertThat(Collect.<String>results(id)).containsExactlyInAnyOrder(
        "a=3 " + w0 + " ON_TIME", "b=5 " + w0 + " ON_TIME", "a=4 " + w1 + " ON_TIME");
  }

  static final class AddTotal extends DoFn<KV<String, Long>, String> {
    private final dev.millrace.values.PCollectionView<Long> total;

    AddTotal(dev.millrace.values.PCollectionView<Long> total) {
      this.total = total;
    }

    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element().getKey() + "=" + c.element().getValue() + "/" + c.sideInput(total));
    }
  }

  @Test
  void boundedPipelineRunsInStreamingModeWithSideInputAndCombine() {
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs(
        "--runner=flink", "--parallelism=2", "--streaming=true").create());
    PCollection<KV<String, Long>> input = p.apply(dev.millrace.transforms.Create.of(
        KV.of("a", 1L), KV.of("b", 2L), KV.of("a", 3L), KV.of("c", 4L)));
    dev.millrace.values.PCollectionView<Long> total = input
        .apply(dev.millrace.transforms.Values.create())
        .apply(Sum.longsGlobally())
        .apply(dev.millrace.transforms.View.asSingleton());
    PCollection<String> out = input.apply(Sum.longsPerKey())
        .apply(ParDo.of(new AddTotal(total)).withSideInputs(total));
    String id = Collect.of(out);
    done(p.run());
    assertThat(Collect.<String>results(id)).containsExactlyInAnyOrder("a=4/10", "b=2/10", "c=4/10");
  }

  static final class JoinWindowSide extends DoFn<KV<String, Long>, String> {
    private final dev.millrace.values.PCollectionView<java.util.List<String>> side;

    JoinWindowSide(dev.millrace.values.PCollectionView<java.util.List<String>> side) {
      this.side = side;
    }

    @Override
    public void processElement(ProcessContext c) {
      java.util.List<String> names = new java.util.ArrayList<>(c.sideInput(side));
      java.util.Collections.sort(names);
      c.output(c.element().getKey() + c.element().getValue() + ":" + names);
    }
  }

  @Test
  void windowedSideInputIsReadInTheMatchingWindowOnceComplete() {
    Pipeline p = pipeline();
    PCollection<KV<String, Long>> main = p.apply(stream()
            .addElements(TimestampedValue.of(KV.of("a", 1L), t(10)))
            .advanceWatermarkTo(t(70))
            .addElements(TimestampedValue.of(KV.of("b", 2L), t(80)))
            .advanceWatermarkToInfinity())
        .apply("MainWindows", Window.into(FixedWindows.of(Duration.ofMinutes(1))));
    dev.millrace.values.PCollectionView<java.util.List<String>> side = p
        .apply(dev.millrace.transforms.Create.timestamped(
            TimestampedValue.of("x", t(5)), TimestampedValue.of("y", t(50)),
            TimestampedValue.of("z", t(65))))
        .apply("SideWindows", Window.into(FixedWindows.of(Duration.ofMinutes(1))))
        .apply(dev.millrace.transforms.View.asList());
    PCollection<String> joined = main.apply(ParDo.of(new JoinWindowSide(side)).withSideInputs(side));
    String id = Collect.of(joined);
    done(p.run());
    assertThat(Collect.<String>results(id)).containsExactlyInAnyOrder("a1:[x, y]", "b2:[z]");
  }

  @Test
  void statefulDoFnsWithSideInputsAreRejectedWithAClearMessage() {
    Pipeline p = pipeline();
    PCollection<KV<String, Long>> input = p.apply(dev.millrace.transforms.Create.of(KV.of("a", 1L)));
    dev.millrace.values.PCollectionView<Long> total = input
        .apply(dev.millrace.transforms.Values.create())
        .apply(Sum.longsGlobally())
        .apply(dev.millrace.transforms.View.asSingleton());
    input.apply(ParDo.of(new Stateful()).withSideInputs(total));
    assertThatThrownBy(p::run)
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("stateful ParDo with side inputs")
        .hasMessageContaining("Flatten");
  }

  static final class Stateful extends DoFn<KV<String, Long>, Long> {
    private final dev.millrace.transforms.state.StateSpec<
        dev.millrace.transforms.state.ValueState<Long>> count =
            dev.millrace.transforms.state.StateSpecs.value(VarLongCoder.of());

    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element().getValue());
    }
  }

  @Test
  void processingTimeTriggersFireOnTheVirtualClock() {
    Pipeline p = pipeline();
    PCollection<String> panes = p.apply(stream()
            .addElements(TimestampedValue.of(KV.of("k", 1L), t(1)))
            .advanceProcessingTime(Duration.ofMinutes(6))
            .addElements(TimestampedValue.of(KV.of("k", 2L), t(2)))
            .advanceProcessingTime(Duration.ofMinutes(6))
            .advanceWatermarkToInfinity())
        .apply(Window.<KV<String, Long>>into(dev.millrace.windowing.GlobalWindows.of())
            .triggering(dev.millrace.windowing.triggers.Repeatedly.forever(
                dev.millrace.windowing.triggers.AfterProcessingTime.pastFirstElementInPane()
                    .plusDelayOf(Duration.ofMinutes(5))))
            .discardingFiredPanes())
        .apply(GroupByKey.create())
        .apply(ParDo.of(new SumPanes()));
    String id = Collect.of(panes);
    done(p.run());
    assertThat(Collect.<String>results(id)).containsExactlyInAnyOrder(
        "k=1 GlobalWindow EARLY 0", "k=2 GlobalWindow EARLY 1", "k=0 GlobalWindow ON_TIME 2 last");
  }

  @Test
  void processingTimeAdvancesInOneOfSeveralTestStreamsAreRejected() {
    Pipeline p = pipeline();
    PCollection<KV<String, Long>> a = p.apply("A", stream()
        .addElements(TimestampedValue.of(KV.of("a", 1L), t(1)))
        .advanceProcessingTime(Duration.ofMinutes(1)));
    PCollection<KV<String, Long>> b = p.apply("B", stream()
        .addElements(TimestampedValue.of(KV.of("b", 1L), t(1))));
    dev.millrace.values.PCollectionList.of(a).and(b)
        .apply(dev.millrace.transforms.Flatten.pCollections());
    assertThatThrownBy(p::run)
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("single TestStream")
        .hasMessageContaining("--runner=direct");
  }

}
