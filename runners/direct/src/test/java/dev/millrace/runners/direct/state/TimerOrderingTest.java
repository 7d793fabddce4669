package dev.millrace.runners.direct.state;

import static dev.millrace.runners.direct.state.StateKindsTest.kv;
import static dev.millrace.runners.direct.state.StateKindsTest.stream;
import static dev.millrace.runners.direct.state.StateKindsTest.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.Pipeline;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.transforms.state.TimeDomain;
import dev.millrace.transforms.state.TimerSpec;
import dev.millrace.transforms.state.TimerSpecs;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.FixedWindows;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Timer semantics on the direct runner, driven by TestStream: timestamp order, timers set in the
 * past, resets, clears, timers set from onTimer, families, windows and processing time.
 */
class TimerOrderingTest implements Serializable {

  private static List<String> run(Pipeline p, PCollection<String> out) {
    String id = Collect.of(out);
    Collect.run(p);
    return Collect.results(id);
  }

  /**
   * A scriptable DoFn: the element value picks an action. 1: set family timers c@30, b@20, a@10
   * (reverse order); 2: set "t"@10; 3: reset "t"@40; 4: clear "t"; 5: set "t" at 20 s (may be in
   * the past); 8: start a loop timer at 10 s, +10 s each firing up to 50 s; others: echo.
   */
  static final class Script extends DoFn<KV<String, Integer>, String> {
    private final TimerSpec t = TimerSpecs.timer(TimeDomain.EVENT_TIME);
    private final TimerSpec loop = TimerSpecs.timer(TimeDomain.EVENT_TIME);
    private final TimerSpec family = TimerSpecs.timerFamily(TimeDomain.EVENT_TIME);

    @Override
    public void processElement(ProcessContext c) {
      switch (c.element().getValue()) {
        case 1 -> {
          c.timerFamily(family).set("c", t(30));
          c.timerFamily(family).get("b").set(t(20));
          c.timerFamily(family).set("a", t(10));
        }
        case 2 -> c.timer(t).set(t(10));
        case 3 -> c.timer(t).set(t(40));
        case 4 -> c.timer(t).clear();
        case 5 -> c.timer(t).set(t(20));
        case 8 -> c.timer(loop).set(t(10));
        default -> c.output("input " + c.element().getValue());
      }
    }

    @Override
    public void onTimer(OnTimerContext c) {
      String name = c.timerFamilyId().isEmpty() ? c.timerId() : c.timerFamilyId() + "/" + c.timerId();
      c.output(c.<String>key() + " " + name + "@" + c.fireTimestamp().getEpochSecond());
      if (c.timerSpec() == loop && c.fireTimestamp().isBefore(t(50))) {
        c.timer(loop).offset(Duration.ofSeconds(10)).setRelative();
      }
    }
  }

  @Test
  void timersOfAKeyFireInTimestampOrder() {
    Pipeline p = Collect.pipeline();
    PCollection<String> out = p.apply(stream()
            .addElements(kv("k", 1, 0))
            .advanceWatermarkTo(t(100)))
        .apply(ParDo.of(new Script()));
    assertThat(run(p, out)).containsExactly("k family/a@10", "k family/b@20", "k family/c@30");
  }

  @Test
  void timerResetBeforeFiringFiresOnceAtTheNewTime() {
    Pipeline p = Collect.pipeline();
    PCollection<String> out = p.apply(stream()
            .addElements(kv("k", 2, 0))
            .addElements(kv("k", 3, 1))
            .advanceWatermarkTo(t(100)))
        .apply(ParDo.of(new Script()));
    assertThat(run(p, out)).containsExactly("k t@40");
  }

  @Test
  void clearedTimerNeverFires() {
    Pipeline p = Collect.pipeline();
    PCollection<String> out = p.apply(stream()
            .addElements(kv("k", 2, 0))
            .addElements(kv("k", 4, 1))
            .advanceWatermarkTo(t(100))
            .addElements(kv("k", 0, 200)))
        .apply(ParDo.of(new Script()));
    assertThat(run(p, out)).containsExactly("input 0");
  }

  @Test
  void timerSetForATimeTheWatermarkPassedFires() {
    Pipeline p = Collect.pipeline();
    PCollection<String> out = p.apply(stream()
            .advanceWatermarkTo(t(50))
            .addElements(kv("k", 5, 60))
            .addElements(kv("k", 0, 61)))
        .apply(ParDo.of(new Script()));
    // fires right after the element's bundle, before the next element
    assertThat(run(p, out)).containsExactly("k t@20", "input 0");
  }

  /** A resets B (due at the same time) to 20: B fires once, at 20, not at 10. */
  static final class ResetSibling extends DoFn<KV<String, Integer>, String> {
    private final TimerSpec family = TimerSpecs.timerFamily(TimeDomain.EVENT_TIME);

    @Override
    public void processElement(ProcessContext c) {
      c.timerFamily(family).set("A", t(10));
      c.timerFamily(family).set("B", t(10));
    }

    @Override
    public void onTimer(OnTimerContext c) {
      c.output(c.timerId() + "@" + c.fireTimestamp().getEpochSecond());
      if (c.timerId().equals("A")) {
        c.timerFamily(family).set("B", t(20));
      }
    }
  }

  @Test
  void timerResetByAnotherFiringOfTheSameTimestampFiresOnce() {
    Pipeline p = Collect.pipeline();
    PCollection<String> out = p.apply(stream()
            .addElements(kv("k", 0, 0))
            .advanceWatermarkTo(t(100)))
        .apply(ParDo.of(new ResetSibling()));
    assertThat(run(p, out)).containsExactly("A@10", "B@20");
  }

  /** A@10 and C@30 are pending; A's firing sets B@20, which must fire before C. */
  static final class SetEarlier extends DoFn<KV<String, Integer>, String> {
    private final TimerSpec family = TimerSpecs.timerFamily(TimeDomain.EVENT_TIME);

    @Override
    public void processElement(ProcessContext c) {
      c.timerFamily(family).set("A", t(10));
      c.timerFamily(family).set("C", t(30));
    }

    @Override
    public void onTimer(OnTimerContext c) {
      c.output(c.timerId() + "@" + c.fireTimestamp().getEpochSecond());
      if (c.timerId().equals("A")) {
        c.timerFamily(family).set("B", t(20));
      }
    }
  }

  @Test
  void timerSetByAFiringFiresBeforeLaterPendingTimers() {
    Pipeline p = Collect.pipeline();
    PCollection<String> out = p.apply(stream()
            .addElements(kv("k", 0, 0))
            .advanceWatermarkTo(t(100)))
        .apply(ParDo.of(new SetEarlier()));
    assertThat(run(p, out)).containsExactly("A@10", "B@20", "C@30");
  }

  @Test
  void loopingTimerFiresAtEachRelativeOffset() {
    Pipeline p = Collect.pipeline();
    PCollection<String> out = p.apply(stream()
            .addElements(kv("k", 8, 0))
            .advanceWatermarkTo(t(1000)))
        .apply(ParDo.of(new Script()));
    assertThat(run(p, out)).containsExactly(
        "k loop@10", "k loop@20", "k loop@30", "k loop@40", "k loop@50");
  }

  /** Family timers with the same dynamic id in two families, and per-key independence. */
  static final class TwoFamilies extends DoFn<KV<String, Integer>, String> {
    private final TimerSpec first = TimerSpecs.timerFamily(TimeDomain.EVENT_TIME);
    private final TimerSpec second = TimerSpecs.timerFamily(TimeDomain.EVENT_TIME);

    @Override
    public void processElement(ProcessContext c) {
      int v = c.element().getValue();
      c.timerFamily(first).set("x", t(v));
      c.timerFamily(second).set("x", t(v + 1));
      c.timerFamily(first).set("y", t(v + 2));
    }

    @Override
    public void onTimer(OnTimerContext c) {
      c.output(c.<String>key() + " " + c.timerFamilyId() + "/" + c.timerId() + "@"
          + c.fireTimestamp().getEpochSecond() + " " + c.timeDomain());
    }
  }

  @Test
  void timerFamiliesKeepDynamicTimersApart() {
    Pipeline p = Collect.pipeline();
    PCollection<String> out = p.apply(stream()
            .addElements(kv("a", 10, 0), kv("b", 20, 0))
            .advanceWatermarkTo(t(100)))
        .apply(ParDo.of(new TwoFamilies()));
    List<String> results = run(p, out);
    assertThat(results).containsExactlyInAnyOrder(
        "a first/x@10 EVENT_TIME", "a second/x@11 EVENT_TIME", "a first/y@12 EVENT_TIME",
        "b first/x@20 EVENT_TIME", "b second/x@21 EVENT_TIME", "b first/y@22 EVENT_TIME");
    assertThat(results.stream().filter(s -> s.startsWith("a"))).containsExactly(
        "a first/x@10 EVENT_TIME", "a second/x@11 EVENT_TIME", "a first/y@12 EVENT_TIME");
  }

  /** Sets a timer at the end of the element's window; the timer reports its window. */
  static final class EndOfWindow extends DoFn<KV<String, Integer>, String> {
    private final TimerSpec end = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    @Override
    public void processElement(ProcessContext c) {
      c.timer(end).set(c.window().maxTimestamp());
    }

    @Override
    public void onTimer(OnTimerContext c) {
      c.output(c.window() + " at " + c.timestamp().toEpochMilli());
    }
  }

  @Test
  void timersAreScopedToTheirWindow() {
    Pipeline p = Collect.pipeline();
    PCollection<String> out = p.apply(stream()
            .addElements(kv("k", 0, 10), kv("k", 0, 70), kv("k", 0, 20)))
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))))
        .apply(ParDo.of(new EndOfWindow()));
    assertThat(run(p, out)).containsExactly(
        new dev.millrace.windowing.IntervalWindow(t(0), t(60)) + " at 59999",
        new dev.millrace.windowing.IntervalWindow(t(60), t(120)) + " at 119999");
  }

  /** Processing-time timer one minute after the element; marks inputs as they arrive. */
  static final class Delayed extends DoFn<KV<String, Integer>, String> {
    private final TimerSpec later = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

    @Override
    public void processElement(ProcessContext c) {
      if (c.element().getValue() == 1) {
        c.timer(later).offset(Duration.ofMinutes(1)).setRelative();
        c.output("set at " + c.timer(later).getCurrentRelativeTime().getEpochSecond());
      } else {
        c.output("input " + c.element().getValue());
      }
    }

    @Override
    public void onTimer(OnTimerContext c) {
      c.output("fired " + c.timeDomain() + " for " + c.fireTimestamp().getEpochSecond()
          + " output at " + c.timestamp().getEpochSecond());
    }
  }

  @Test
  void processingTimeTimersFireOnTheVirtualClock() {
    Pipeline p = Collect.pipeline();
    PCollection<String> out = p.apply(stream()
            .addElements(kv("k", 1, 5))
            .advanceProcessingTime(Duration.ofSeconds(30))
            .addElements(kv("k", 2, 6))
            .advanceProcessingTime(Duration.ofSeconds(31))
            .addElements(kv("k", 3, 7)))
        .apply(ParDo.of(new Delayed()));
    assertThat(run(p, out)).containsExactly(
        "set at 0", "input 2", "fired PROCESSING_TIME for 60 output at 5", "input 3");
  }
}
