package dev.millrace.runners.direct.state;

import static dev.millrace.runners.direct.state.StateKindsTest.kv;
import static dev.millrace.runners.direct.state.StateKindsTest.stream;
import static dev.millrace.runners.direct.state.StateKindsTest.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.Pipeline;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GroupByKey;
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
import dev.millrace.windowing.IntervalWindow;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pending timers hold the stateful step's output watermark at their output timestamp; a
 * downstream GroupByKey in one-minute windows (no allowed lateness) shows it: held outputs land
 * in their window's on-time pane, unheld ones arrive after the window closed and are dropped.
 */
class WatermarkHoldTest implements Serializable {

  /** Renders each pane as "key=sum [window] TIMING". */
  static final class SumPanes extends DoFn<KV<String, Iterable<Integer>>, String> {
    @Override
    public void processElement(ProcessContext c) {
      int sum = 0;
      for (int v : c.element().getValue()) {
        sum += v;
      }
      c.output(c.element().getKey() + "=" + sum + " " + c.window() + " " + c.pane().timing());
    }
  }

  private static List<String> panes(Pipeline p, PCollection<KV<String, Integer>> out) {
    PCollection<String> panes = out
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of()))
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))))
        .apply(GroupByKey.create())
        .apply(ParDo.of(new SumPanes()));
    String id = Collect.of(panes);
    Collect.run(p);
    return Collect.results(id);
  }

  private static String window(int from, int to) {
    return new IntervalWindow(t(from), t(to)).toString();
  }

  /** Buffers values and emits their sum when an event-time timer at 100 s fires. */
  static final class BufferUntil100 extends DoFn<KV<String, Integer>, KV<String, Integer>> {
    private final StateSpec<BagState<Integer>> buffer = StateSpecs.bag(VarIntCoder.of());
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
      int sum = 0;
      for (int v : c.state(buffer).read()) {
        sum += v;
      }
      c.state(buffer).clear();
      c.output(KV.of(c.key(), sum));
    }
  }

  static Stream<Arguments> eventTimeCases() {
    return Stream.of(
        // held at the element's timestamp: the output is on time in the element's window
        Arguments.of(true, List.of("k=3 " + window(0, 60) + " ON_TIME")),
        // default output timestamp = firing time: the output belongs to the window of 100 s
        Arguments.of(false, List.of("k=3 " + window(60, 120) + " ON_TIME")));
  }

  @ParameterizedTest
  @MethodSource("eventTimeCases")
  void eventTimeTimerHoldsTheWatermarkAtItsOutputTimestamp(boolean hold, List<String> expected) {
    Pipeline p = Collect.pipeline();
    PCollection<KV<String, Integer>> out = p.apply(stream()
            .addElements(kv("k", 1, 5), kv("k", 2, 6))
            .advanceWatermarkTo(t(200)))
        .apply(ParDo.of(new BufferUntil100(hold)));
    assertThat(panes(p, out)).containsExactlyElementsOf(expected);
  }

  /** How the pass-through sets its processing-time timer. */
  enum Mode { DEFAULT, EXPLICIT, NO_OUTPUT }

  /** Passes elements through and sets a processing-time timer one hour later (never reached). */
  static final class PassWithTimer extends DoFn<KV<String, Integer>, KV<String, Integer>> {
    private final TimerSpec poll = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);
    private final Mode mode;

    PassWithTimer(Mode mode) {
      this.mode = mode;
    }

    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element());
      if (c.timestamp().isAfter(t(7))) {
        return; // only the first element sets the timer
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

  static Stream<Arguments> processingTimeCases() {
    return Stream.of(
        // held at the first element (5 s): the element arriving at 200 s is still on time
        Arguments.of(Mode.DEFAULT, "k=8 " + window(0, 60) + " ON_TIME"),
        Arguments.of(Mode.EXPLICIT, "k=8 " + window(0, 60) + " ON_TIME"),
        // no hold: the window closed at 200 s and the later element was dropped downstream
        Arguments.of(Mode.NO_OUTPUT, "k=1 " + window(0, 60) + " ON_TIME"));
  }

  @ParameterizedTest
  @MethodSource("processingTimeCases")
  void processingTimeTimerHoldsAtTheElementUnlessToldNot(Mode mode, String expected) {
    Pipeline p = Collect.pipeline();
    PCollection<KV<String, Integer>> out = p.apply(stream()
            .addElements(kv("k", 1, 5))
            .advanceWatermarkTo(t(200))
            .addElements(kv("k", 7, 10)))
        .apply(ParDo.of(new PassWithTimer(mode)));
    assertThat(panes(p, out)).containsExactly(expected);
  }
}
