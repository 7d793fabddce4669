package dev.millrace.compliance.state;

import static dev.millrace.compliance.triggers.Panes.at;
import static dev.millrace.compliance.triggers.Panes.stream;
import static dev.millrace.compliance.triggers.Panes.t;

import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.compliance.triggers.Panes;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.transforms.state.BagState;
import dev.millrace.transforms.state.StateSpec;
import dev.millrace.transforms.state.StateSpecs;
import dev.millrace.transforms.state.TimeDomain;
import dev.millrace.transforms.state.Timer;
import dev.millrace.transforms.state.TimerSpec;
import dev.millrace.transforms.state.TimerSpecs;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.FixedWindows;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A pending timer holds the stateful step's output watermark at its output timestamp. A
 * downstream GroupByKey in one-minute windows without allowed lateness shows it: held outputs land
 * in their window's on-time pane; unheld ones arrive after that window closed and are dropped.
 */
@Requires({Capability.STATE, Capability.TIMERS, Capability.TEST_STREAM})
class TimerHoldTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  /** Re-windows into one-minute windows, groups, and renders each pane (see Panes.Render). */
  private static PCollection<String> downstreamPanes(PCollection<KV<String, Long>> out) {
    return Panes.groupAndRender(out
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()))
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1)))));
  }

  /** Buffers values; an event-time timer at 100 s emits their sum. */
  static final class BufferUntil100 extends DoFn<KV<String, Long>, KV<String, Long>> {
    private final StateSpec<BagState<Long>> buffer = StateSpecs.bag(VarLongCoder.of());
    private final TimerSpec flush = TimerSpecs.timer(TimeDomain.EVENT_TIME);
    private final boolean holdAtElement;

    BufferUntil100(boolean holdAtElement) {
      this.holdAtElement = holdAtElement;
    }

    @Override
    public void processElement(ProcessContext c) {
      c.state(buffer).add(c.element().getValue());
      Timer timer = c.timer(flush);
      if (holdAtElement) {
        timer.withOutputTimestamp(c.timestamp());
      }
      timer.set(t(100));
    }

    @Override
    public void onTimer(OnTimerContext c) {
      long sum = 0;
      for (long v : c.state(buffer).read()) {
        sum += v;
      }
      c.state(buffer).clear();
      c.output(KV.of(c.key(), sum));
    }
  }

  @ParameterizedTest(name = "hold at the element: {0}")
  @CsvSource(delimiter = '|', value = {
      // held at the element's timestamp (the last one set): on time in the element's window
      "true|k=[3] [0,60) ON_TIME 0 last",
      // default output timestamp = the firing time: it belongs to the window of 100 s
      "false|k=[3] [60,120) ON_TIME 0 last"})
  void anEventTimeTimerHoldsTheWatermarkAtItsOutputTimestamp(boolean hold, String expected) {
    PCollection<KV<String, Long>> out = p.apply(stream()
            .addElements(at("k", 1, 5), at("k", 2, 6))
            .advanceWatermarkTo(t(200)))
        .apply(ParDo.of(new BufferUntil100(hold)));
    PAssert.that(downstreamPanes(out)).containsInAnyOrder(expected);
    p.run();
  }

  /** How the pass-through sets its processing-time timer. */
  enum Mode { DEFAULT, EXPLICIT, NO_OUTPUT }

  /** Passes elements through; the first sets a processing-time timer an hour ahead (unreached). */
  static final class PassWithTimer extends DoFn<KV<String, Long>, KV<String, Long>> {
    private final TimerSpec poll = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);
    private final Mode mode;

    PassWithTimer(Mode mode) {
      this.mode = mode;
    }

    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element());
      if (c.timestamp().isAfter(t(7))) {
        return;
      }
      Timer timer = c.timer(poll).offset(Duration.ofHours(1));
      switch (mode) {
        case EXPLICIT -> timer.withOutputTimestamp(c.timestamp());
        case NO_OUTPUT -> timer.withNoOutputTimestamp();
        default -> { }
      }
      timer.setRelative();
    }

    @Override
    public void onTimer(OnTimerContext c) {}
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mode.class)
  @Requires(Capability.PROCESSING_TIME)
  void aProcessingTimeTimerHoldsAtTheElementUnlessToldNot(Mode mode) {
    PCollection<KV<String, Long>> out = p.apply(stream()
            .addElements(at("k", 1, 5))
            .advanceWatermarkTo(t(200))
            .addElements(at("k", 7, 10)))
        .apply(ParDo.of(new PassWithTimer(mode)));
    // held at 5 s: the element arriving at 200 s is still on time downstream; unheld: dropped
    PAssert.that(downstreamPanes(out)).containsInAnyOrder(mode == Mode.NO_OUTPUT
        ? "k=[1] [0,60) ON_TIME 0 last" : "k=[1, 7] [0,60) ON_TIME 0 last");
    p.run();
  }

  /**
   * Outputs each element at once; an element before 30 s also sets a timer at 100 s whose output
   * (value 100) is stamped 30 s.
   */
  static final class OutputBehind extends DoFn<KV<String, Long>, KV<String, Long>> {
    private final TimerSpec flush = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element());
      if (c.timestamp().isBefore(t(30))) {
        c.timer(flush).withOutputTimestamp(t(30)).set(t(100));
      }
    }

    @Override
    public void onTimer(OnTimerContext c) {
      c.outputWithTimestamp(KV.of(c.<String>key(), 100L), t(30));
    }
  }

  @Test
  void anOutputTimestampBeforeTheFiringTimeKeepsTheWindowOpen() {
    PCollection<KV<String, Long>> out = p.apply(stream()
            .addElements(at("k", 1, 5), at("j", 2, 70))
            .advanceWatermarkTo(t(200)))
        .apply(ParDo.of(new OutputBehind()));
    PAssert.that(downstreamPanes(out)).containsInAnyOrder(
        "k=[1, 100] [0,60) ON_TIME 0 last", "j=[2] [60,120) ON_TIME 0 last");
    p.run();
  }
}
