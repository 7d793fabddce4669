package dev.millrace.runners.microbatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.PipelineExecutionException;
import dev.millrace.PipelineResult;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.testing.TestStream;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.MapElements;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Sum;
import dev.millrace.transforms.View;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionView;
import dev.millrace.values.TimestampedValue;
import dev.millrace.values.TypeDescriptors;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.GlobalWindows;
import dev.millrace.windowing.IntervalWindow;
import dev.millrace.windowing.PaneInfo;
import dev.millrace.windowing.Sessions;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterProcessingTime;
import dev.millrace.windowing.triggers.AfterWatermark;
import dev.millrace.windowing.triggers.Repeatedly;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pipelines on the micro-batch runner: bounded input over many batches, windows, TestStream. */
class MicroBatchPipelineTest implements Serializable {
  @RegisterExtension
  final transient TestPipeline p = TestPipeline.fromOptions(PipelineOptionsFactory.fromArgs(
      "--runner=microbatch", "--maxBatchSize=7", "--parallelism=3").create());

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

  @Test
  void countsWordsReadOverManyBatches() {
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      words.add("w" + (i % 5));
    }
    PCollection<String> counts = p.apply(Create.of(words))
        .apply(Count.perElement())
        .apply(MapElements.into(TypeDescriptors.strings()).via(kv -> kv.getKey() + ":" + kv.getValue()));
    PAssert.that(counts).containsInAnyOrder("w0:20", "w1:20", "w2:20", "w3:20", "w4:20");
    MicroBatchPipelineResult result = (MicroBatchPipelineResult) p.run();
    List<BatchMetrics> batches = result.batches();
    // PAssert adds a few records of its own from small sources.
    assertThat(batches.stream().mapToLong(BatchMetrics::recordsIn).sum()).isBetween(100L, 105L);
    assertThat(batches).hasSizeGreaterThan(100 / 7);
    assertThat(batches).allSatisfy(b -> assertThat(b.recordsIn()).isLessThanOrEqualTo(7));
    assertThat(batches.get(batches.size() - 1).watermarkMillis())
        .isEqualTo(dev.millrace.windowing.Timestamps.MAX);
  }

  @Test
  void windowedSumsOfTimestampedInput() {
    PCollection<KV<String, Long>> sums = p
        .apply(Create.timestamped(
            TimestampedValue.of(KV.of("a", 1L), t(5)),
            TimestampedValue.of(KV.of("a", 2L), t(65)),
            TimestampedValue.of(KV.of("a", 3L), t(70)),
            TimestampedValue.of(KV.of("b", 4L), t(10))))
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))))
        .apply(Sum.longsPerKey());
    PAssert.that(sums).containsInAnyOrder(KV.of("a", 1L), KV.of("a", 5L), KV.of("b", 4L));
    p.run();
  }

  @Test
  void sideInputsAreReadyBeforeTheMainInputRuns() {
    PCollectionView<Long> total = p.apply("Side", Create.of(1L, 2L, 3L))
        .apply(Sum.longsGlobally())
        .apply(View.asSingleton());
    PCollection<String> out = p.apply("Main", Create.of("x", "y"))
        .apply(ParDo.of(new DoFn<String, String>() {
          @Override
          public void processElement(ProcessContext c) {
            c.output(c.element() + c.sideInput(total));
          }
        }).withSideInputs(total));
    PAssert.that(out).containsInAnyOrder("x6", "y6");
    p.run();
  }

  @Test
  void lateDataWithinAllowedLatenessRefinesAccumulatingPanes() {
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
            .triggering(AfterWatermark.pastEndOfWindow()
                .withLateFirings(AfterPane.elementCountAtLeast(1)))
            .withAllowedLateness(Duration.ofMinutes(5))
            .accumulatingFiredPanes())
        .apply(GroupByKey.create())
        .apply(ParDo.of(new SumPanes()));
    String w = new IntervalWindow(t(0), t(60)).toString();
    PAssert.that(panes).containsInAnyOrder("k=5 " + w + " ON_TIME 0", "k=8 " + w + " LATE 1");
    p.run();
  }

  @Test
  void sessionsMergeWithinTheGap() {
    TestStream<KV<String, Long>> events = TestStream.create(
            KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .addElements(TimestampedValue.of(KV.of("u", 1L), t(0)),
            TimestampedValue.of(KV.of("u", 1L), t(30)),
            TimestampedValue.of(KV.of("u", 1L), t(120)));
    PCollection<String> panes = p.apply(events)
        .apply(Window.<KV<String, Long>>into(Sessions.withGapDuration(Duration.ofMinutes(1))))
        .apply(GroupByKey.create())
        .apply(ParDo.of(new SumPanes()));
    PAssert.that(panes).containsInAnyOrder(
        "u=2 " + new IntervalWindow(t(0), t(90)) + " ON_TIME 0 last",
        "u=1 " + new IntervalWindow(t(120), t(180)) + " ON_TIME 0 last");
    p.run();
  }

  @Test
  void processingTimeTriggersFireAtBatchBoundariesOnTheVirtualClock() {
    TestStream<KV<String, Long>> events = TestStream.create(
            KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .addElements(TimestampedValue.of(KV.of("k", 1L), t(1)))
        .advanceProcessingTime(Duration.ofMinutes(6))
        .addElements(TimestampedValue.of(KV.of("k", 2L), t(2)))
        .advanceProcessingTime(Duration.ofMinutes(6))
        .advanceWatermarkToInfinity();
    PCollection<String> panes = p.apply(events)
        .apply(Window.<KV<String, Long>>into(GlobalWindows.of())
            .triggering(Repeatedly.forever(AfterProcessingTime.pastFirstElementInPane()
                .plusDelayOf(Duration.ofMinutes(5))))
            .discardingFiredPanes())
        .apply(GroupByKey.create())
        .apply(ParDo.of(new SumPanes()));
    PAssert.that(panes).containsInAnyOrder(
        "k=1 GlobalWindow EARLY 0", "k=2 GlobalWindow EARLY 1", "k=0 GlobalWindow ON_TIME 2 last");
    p.run();
  }

  @Test
  void userExceptionsNameTheStepAndElement() {
    p.apply(Create.of("ok", "bad"))
        .apply("Explode", MapElements.into(TypeDescriptors.strings()).via((String s) -> {
          if (s.equals("bad")) {
            throw new IllegalStateException("boom");
          }
          return s;
        }));
    assertThatThrownBy(p::run)
        .isInstanceOf(PipelineExecutionException.class)
        .hasMessageContaining("Explode")
        .hasMessageContaining("bad")
        .hasRootCauseMessage("boom");
  }

  @Test
  void runnerMetricsArePublishedThroughTheResult() {
    p.apply(Create.of(1L, 2L, 3L))
        .apply(MapElements.into(TypeDescriptors.strings()).via((Long x) -> "n" + x));
    PipelineResult result = p.run();
    var counters = result.metrics().queryMetrics(dev.millrace.metrics.MetricsFilter.builder()
        .addNameFilter(dev.millrace.metrics.MetricsFilter.MetricNameFilter.named(
            "millrace", "recordsIn")).build()).counters();
    assertThat(counters).singleElement().satisfies(r -> {
      assertThat(r.key().stepName()).isEqualTo(MicroBatchPipelineResult.RUNNER_STEP);
      assertThat(r.attempted()).isEqualTo(3L);
    });
    assertThat(((MicroBatchPipelineResult) result).batches().stream()
        .mapToLong(BatchMetrics::recordsOut).sum()).isEqualTo(3L);
  }
}
