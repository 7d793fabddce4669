package dev.millrace.runners.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.testing.TestStream;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Sum;
import dev.millrace.transforms.View;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionView;
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.IntervalWindow;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A ParDo with a windowed side input, then a sum with no allowed lateness, under a TestStream:
 * which late elements the sum drops must not depend on how fast Flink computes the side input.
 * As on the direct runner, the side-input stage replays the script step by step: the elements of
 * a window wait (holding the watermark) only until the step at which the side input for their
 * window is complete; an element arriving late after that step is dropped by the sum, even when
 * the side input's own operators are slow to catch up.
 */
class SideInputLatenessTest implements Serializable {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

  private static final String W0 = new IntervalWindow(t(0), t(60)).toString();
  private static final String W1 = new IntervalWindow(t(60), t(120)).toString();

  private static Instant t(int seconds) {
    return Instant.ofEpochSecond(seconds);
  }

  private static Pipeline pipeline(int parallelism) {
    return Pipeline.create(PipelineOptionsFactory.fromArgs(
        "--runner=flink", "--parallelism=" + parallelism).create());
  }

  /** Window [0, 60) closes at step 2; the element of step 3 is late for it. */
  private static TestStream<KV<String, Long>> scriptWithALateElement() {
    return TestStream.create(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .addElements(TimestampedValue.of(KV.of("a", 1L), t(1)),
            TimestampedValue.of(KV.of("a", 2L), t(2)))
        .advanceWatermarkTo(t(60))
        .addElements(TimestampedValue.of(KV.of("a", 100L), t(30)))
        .addElements(TimestampedValue.of(KV.of("a", 4L), t(70)))
        .advanceWatermarkToInfinity();
  }

  /** Keys each element by its key and the side input's value in its window. */
  static final class KeyBySide<S> extends DoFn<KV<String, Long>, KV<String, Long>> {
    private final PCollectionView<S> side;

    KeyBySide(PCollectionView<S> side) {
      this.side = side;
    }

    @Override
    public void processElement(ProcessContext c) {
      c.output(KV.of(c.element().getKey() + "/" + c.sideInput(side), c.element().getValue()));
    }
  }

  /** The side input's own operators are slow: Flink's main input runs far ahead of them. */
  static final class SlowValues extends DoFn<KV<String, Long>, Long> {
    @Override
    public void processElement(ProcessContext c) throws InterruptedException {
      Thread.sleep(150);
      c.output(c.element().getValue());
    }
  }

  static final class Format extends DoFn<KV<String, Long>, String> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element().getKey() + "=" + c.element().getValue() + " " + c.window() + " "
          + c.pane().timing());
    }
  }

  private static List<String> sums(
      Pipeline p, PCollection<KV<String, Long>> windowed, PCollectionView<?> side) {
    PCollection<String> out = windowed
        .apply("KeyBySide", ParDo.of(new KeyBySide<>(side)).withSideInputs(side))
        .apply("SumPerKey", Sum.longsPerKey())
        .apply("Format", ParDo.of(new Format()));
    String id = Collect.of(out);
    assertThat(p.run().waitUntilFinish()).isEqualTo(PipelineResult.State.DONE);
    return Collect.results(id);
  }

  @ParameterizedTest(name = "parallelism {0}")
  @ValueSource(ints = {1, 2})
  void lateElementIsDroppedWhenTheSideInputComputedFromTheSameStreamIsSlow(int parallelism) {
    Pipeline p = pipeline(parallelism);
    PCollection<KV<String, Long>> windowed = p.apply(scriptWithALateElement())
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))));
    PCollectionView<Long> total = windowed
        .apply("SlowValues", ParDo.of(new SlowValues()))
        .apply("Total", Sum.longsGlobally().withoutDefaults())
        .apply("TotalView", View.asSingleton());
    // Direct runner: [0, 60) is complete on both inputs at step 2, so its two elements go out
    // then; 100 (step 3) is late for the sum. The side input's sum drops it too.
    assertThat(sums(p, windowed, total)).containsExactlyInAnyOrder(
        "a/3=3 " + W0 + " ON_TIME", "a/4=4 " + W1 + " ON_TIME");
  }

  @ParameterizedTest(name = "parallelism {0}")
  @ValueSource(ints = {1, 2})
  void lateElementIsDroppedWithABoundedSideInput(int parallelism) {
    Pipeline p = pipeline(parallelism);
    PCollection<KV<String, Long>> windowed = p.apply(scriptWithALateElement())
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))));
    PCollectionView<String> label = p.apply("Label", Create.of("x"))
        .apply("LabelView", View.asSingleton());
    // A bounded side input is complete before the script starts (as on the direct runner):
    // nothing waits, and 100 is late for the sum.
    assertThat(sums(p, windowed, label)).containsExactlyInAnyOrder(
        "a/x=3 " + W0 + " ON_TIME", "a/x=4 " + W1 + " ON_TIME");
  }
}
