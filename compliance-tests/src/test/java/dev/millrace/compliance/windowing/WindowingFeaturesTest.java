package dev.millrace.compliance.windowing;

import static dev.millrace.compliance.triggers.Panes.at;
import static dev.millrace.compliance.triggers.Panes.stream;
import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.compliance.triggers.Panes;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.Combine;
import dev.millrace.transforms.Count;
import dev.millrace.transforms.Create;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Sum;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.SlidingWindows;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.Repeatedly;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Window.configure(), re-windowing, outputWithTimestamp feeding a window assignment, the
 * timestamps DoFns see, and empty input per window.
 */
class WindowingFeaturesTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  private static final KvCoder<String, Long> KV_CODER =
      KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());

  private PCollection<KV<String, Long>> input(long... seconds) {
    @SuppressWarnings("unchecked")
    TimestampedValue<KV<String, Long>>[] values = new TimestampedValue[seconds.length];
    for (int i = 0; i < seconds.length; i++) {
      values[i] = TimestampedValue.of(KV.of("k", seconds[i]), Instant.ofEpochSecond(seconds[i]));
    }
    return p.apply(Create.timestamped(values).withCoder(KV_CODER));
  }

  /** Moves each element's timestamp by a number of seconds. */
  static final class Shift extends DoFn<KV<String, Long>, KV<String, Long>> {
    private final long seconds;

    Shift(long seconds) {
      this.seconds = seconds;
    }

    @Override
    public Duration getAllowedTimestampSkew() {
      return Duration.ofHours(1);
    }

    @Override
    public void processElement(ProcessContext c) {
      c.outputWithTimestamp(c.element(), c.timestamp().plusSeconds(seconds));
    }
  }

  /** Renders "value@timestampSeconds". */
  static final class RenderTimestamp extends DoFn<KV<String, Long>, String> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element().getValue() + "@" + Panes.seconds(c.timestamp().toEpochMilli()));
    }
  }

  @Test
  void doFnsSeeTheTimestampsOfCreateTimestamped() {
    PAssert.that(input(5, 70).apply(ParDo.of(new RenderTimestamp())))
        .containsInAnyOrder("5@5", "70@70");
    p.run();
  }

  @Test
  void outputWithTimestampMovesElementsIntoLaterWindows() {
    PCollection<String> out = input(10, 50)
        .apply("Shift", ParDo.of(new Shift(30)))
        .setCoder(KV_CODER)
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))))
        .apply(GroupByKey.create())
        .apply(ParDo.of(new WindowFnsTest.RenderGroup()));
    PAssert.that(out).containsInAnyOrder("k=[10] [0,60)", "k=[50] [60,120)");
    p.run();
  }

  @Test
  void outputWithTimestampBackwardsWithinTheAllowedSkew() {
    PCollection<String> out = input(70)
        .apply("Shift", ParDo.of(new Shift(-30)))
        .setCoder(KV_CODER)
        .apply(ParDo.of(new RenderTimestamp()));
    PAssert.that(out).containsInAnyOrder("70@40");
    p.run();
  }

  @Test
  void windowIntoAgainReplacesTheWindows() {
    PCollection<String> out = input(10, 70, 130)
        .apply("Minutes", Window.into(FixedWindows.of(Duration.ofMinutes(1))))
        .apply("TwoMinutes", Window.into(FixedWindows.of(Duration.ofMinutes(2))))
        .apply(GroupByKey.create())
        .apply(ParDo.of(new WindowFnsTest.RenderGroup()));
    PAssert.that(out).containsInAnyOrder("k=[10, 70] [0,120)", "k=[130] [120,240)");
    p.run();
  }

  @Requires(Capability.TRIGGERS)
  @Test
  void configureKeepsTheWindowFunctionAndChangesTheRest() {
    PCollection<KV<String, Long>> windowed = input(10)
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))));
    PCollection<KV<String, Long>> configured = windowed.apply(Window.<KV<String, Long>>configure()
        .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(1)))
        .withAllowedLateness(Duration.ofMinutes(3))
        .accumulatingFiredPanes());
    assertThat(configured.getWindowingStrategy().windowFn())
        .isEqualTo(FixedWindows.of(Duration.ofMinutes(1)));
    assertThat(configured.getWindowingStrategy().allowedLateness())
        .isEqualTo(Duration.ofMinutes(3));
    assertThat(configured.getWindowingStrategy().trigger())
        .isEqualTo(Repeatedly.forever(AfterPane.elementCountAtLeast(1)));
  }

  @Requires({Capability.TRIGGERS, Capability.TEST_STREAM})
  @Test
  void configureChangesOnlyTheTriggerOfTheExistingWindows() {
    PCollection<KV<String, Long>> in = p.apply(stream()
            .addElements(at("k", 1, 10)).addElements(at("k", 2, 70))
            .advanceWatermarkToInfinity())
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))))
        .apply(Window.<KV<String, Long>>configure()
            .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(1)))
            .discardingFiredPanes());
    PAssert.that(Panes.groupAndRender(in)).containsInAnyOrder(
        "k=[1] [0,60) EARLY 0", "k=[] [0,60) ON_TIME 1 last",
        "k=[2] [60,120) EARLY 0", "k=[] [60,120) ON_TIME 1 last");
    p.run();
  }

  @Test
  void groupingAnEmptyWindowedInputGivesNothing() {
    PCollection<KV<String, Iterable<Long>>> out =
        p.apply(Create.empty(KV_CODER))
            .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))))
            .apply(GroupByKey.create());
    PAssert.that(out).empty();
    p.run();
  }

  @Requires(Capability.COMBINE)
  @Test
  void windowsWithoutElementsProduceNoCombinedOutput() {
    PCollection<Long> sums = input(10, 20, 130)
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))))
        .apply(dev.millrace.transforms.Values.create())
        .apply(Combine.globally(Sum.ofLongs()).withoutDefaults());
    PAssert.that(sums).containsInAnyOrder(30L, 130L);
    p.run();
  }

  @Requires(Capability.COMBINE)
  @Test
  void countPerWindowInSlidingWindows() {
    PCollection<KV<String, Long>> counts = input(10, 50, 70)
        .apply(Window.into(SlidingWindows.of(Duration.ofMinutes(1)).every(Duration.ofSeconds(30))))
        .apply(Count.perKey());
    PCollection<String> out = counts.apply(ParDo.of(new RenderCountWindow()));
    PAssert.that(out).containsInAnyOrder(
        "k=1 [-30,30)", "k=2 [0,60)", "k=2 [30,90)", "k=1 [60,120)");
    p.run();
  }

  /** Renders "key=count window". */
  static final class RenderCountWindow extends DoFn<KV<String, Long>, String> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element().getKey() + "=" + c.element().getValue() + " "
          + Panes.window(c.window()));
    }
  }
}
