package dev.millrace.compliance.windowing;

import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.compliance.triggers.Panes;
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
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.Sessions;
import dev.millrace.windowing.TimestampCombiner;
import dev.millrace.windowing.WindowFn;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Timestamp combiners: the timestamp of a grouping's output (earliest input, latest input, or the
 * end of the window) and its effect on the window the output lands in when it is re-windowed.
 */
class TimestampCombinerTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  /** Sums a group, keeping its key. */
  static final class SumGroup extends DoFn<KV<String, Iterable<Long>>, KV<String, Long>> {
    @Override
    public void processElement(ProcessContext c) {
      long sum = 0;
      for (long v : c.element().getValue()) {
        sum += v;
      }
      c.output(KV.of(c.element().getKey(), sum));
    }
  }

  private PCollection<KV<String, Iterable<Long>>> grouped(
      WindowFn<?> fn, TimestampCombiner combiner, long... seconds) {
    TimestampedValue<KV<String, Long>>[] values = timestamped(seconds);
    return p.apply(Create.timestamped(values)
            .withCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())))
        .apply(Window.<KV<String, Long>>into(fn).withTimestampCombiner(combiner))
        .apply("First", GroupByKey.create());
  }

  @SuppressWarnings("unchecked")
  private static TimestampedValue<KV<String, Long>>[] timestamped(long... seconds) {
    TimestampedValue<KV<String, Long>>[] values = new TimestampedValue[seconds.length];
    for (int i = 0; i < seconds.length; i++) {
      values[i] = TimestampedValue.of(KV.of("k", seconds[i]), Instant.ofEpochSecond(seconds[i]));
    }
    return values;
  }

  static Stream<Arguments> fixed() {
    return Stream.of(
        Arguments.of(TimestampCombiner.END_OF_WINDOW, "k=[10, 30] [0,60) @59.999", "k=40 [40,60)"),
        Arguments.of(TimestampCombiner.EARLIEST, "k=[10, 30] [0,60) @10", "k=40 [0,20)"),
        Arguments.of(TimestampCombiner.LATEST, "k=[10, 30] [0,60) @30", "k=40 [20,40)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixed")
  void outputTimestampInFixedWindows(TimestampCombiner c, String pane, String downstream) {
    PAssert.that(grouped(FixedWindows.of(Duration.ofMinutes(1)), c, 10, 30)
            .apply("Render", ParDo.of(new Panes.RenderTimestamp())))
        .containsInAnyOrder(pane);
    p.run();
  }

  /** Renders "key=sum window" of a re-grouped sum. */
  static final class RenderSum extends DoFn<KV<String, Iterable<Long>>, String> {
    @Override
    public void processElement(ProcessContext c) {
      long sum = 0;
      for (long v : c.element().getValue()) {
        sum += v;
      }
      c.output(c.element().getKey() + "=" + sum + " " + Panes.window(c.window()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixed")
  void theOutputTimestampDecidesTheDownstreamWindow(
      TimestampCombiner c, String pane, String downstream) {
    PCollection<String> out = grouped(FixedWindows.of(Duration.ofMinutes(1)), c, 10, 30)
        .apply("Sum", ParDo.of(new SumGroup()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .apply("Rewindow", Window.into(FixedWindows.of(Duration.ofSeconds(20))))
        .apply("Second", GroupByKey.create())
        .apply("Render", ParDo.of(new RenderSum()));
    PAssert.that(out).containsInAnyOrder(downstream);
    p.run();
  }

  static Stream<Arguments> sessions() {
    return Stream.of(
        Arguments.of(TimestampCombiner.END_OF_WINDOW, "k=[0, 30] [0,90) @89.999"),
        Arguments.of(TimestampCombiner.EARLIEST, "k=[0, 30] [0,90) @0"),
        Arguments.of(TimestampCombiner.LATEST, "k=[0, 30] [0,90) @30"));
  }

  @Requires(Capability.MERGING_WINDOWS)
  @ParameterizedTest(name = "{0}")
  @MethodSource("sessions")
  void outputTimestampOfMergedSessions(TimestampCombiner c, String pane) {
    PAssert.that(grouped(Sessions.withGapDuration(Duration.ofMinutes(1)), c, 30, 0)
            .apply("Render", ParDo.of(new Panes.RenderTimestamp())))
        .containsInAnyOrder(pane);
    p.run();
  }
}
