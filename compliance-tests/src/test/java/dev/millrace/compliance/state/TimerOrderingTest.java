package dev.millrace.compliance.state;

import static dev.millrace.compliance.triggers.Panes.at;
import static dev.millrace.compliance.triggers.Panes.stream;
import static dev.millrace.compliance.triggers.Panes.t;

import dev.millrace.coders.VarLongCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.compliance.triggers.Panes;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Window;
import dev.millrace.transforms.state.StateSpec;
import dev.millrace.transforms.state.StateSpecs;
import dev.millrace.transforms.state.TimeDomain;
import dev.millrace.transforms.state.TimerSpec;
import dev.millrace.transforms.state.TimerSpecs;
import dev.millrace.transforms.state.ValueState;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.FixedWindows;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Event-time timer semantics, driven by TestStream: the timers of a key fire in timestamp order
 * (also timers set by a firing), a timer set for a time the watermark already passed fires, a
 * timer reset before it fires fires once at its new time, a cleared timer never fires, and timers
 * are scoped to their window. Each output carries a per-key sequence number, so order is checked.
 */
@Requires({Capability.STATE, Capability.TIMERS, Capability.TEST_STREAM})
class TimerOrderingTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  /**
   * A scriptable DoFn: the element value picks an action. 1: set c@30, b@20, a@10 (reverse
   * order); 2: set a@10; 3: reset a@40; 4: clear a; 5: set a@20 (maybe in the past); 6: set
   * loop@10 which re-arms itself +10 s up to 50 s; 7: set a@10 and c@30, where a's firing sets
   * b@20; others: echo "input v".
   */
  static final class Script extends DoFn<KV<String, Long>, String> {
    private final TimerSpec a = TimerSpecs.timer(TimeDomain.EVENT_TIME);
    private final TimerSpec b = TimerSpecs.timer(TimeDomain.EVENT_TIME);
    private final TimerSpec c = TimerSpecs.timer(TimeDomain.EVENT_TIME);
    private final TimerSpec loop = TimerSpecs.timer(TimeDomain.EVENT_TIME);
    private final StateSpec<ValueState<Long>> seq = StateSpecs.value(VarLongCoder.of());
    private final StateSpec<ValueState<Long>> chain = StateSpecs.value(VarLongCoder.of());

    @Override
    public void processElement(ProcessContext ctx) {
      long v = ctx.element().getValue();
      switch ((int) v) {
        case 1 -> {
          ctx.timer(c).set(t(30));
          ctx.timer(b).set(t(20));
          ctx.timer(a).set(t(10));
        }
        case 2 -> ctx.timer(a).set(t(10));
        case 3 -> ctx.timer(a).set(t(40));
        case 4 -> ctx.timer(a).clear();
        case 5 -> ctx.timer(a).set(t(20));
        case 6 -> ctx.timer(loop).set(t(10));
        case 7 -> {
          ctx.state(chain).write(1L);
          ctx.timer(a).set(t(10));
          ctx.timer(c).set(t(30));
        }
        default -> ctx.output(StateTesting.next(ctx.state(seq)) + " input " + v);
      }
    }

    @Override
    public void onTimer(OnTimerContext ctx) {
      String name = ctx.timerSpec() == a ? "a" : ctx.timerSpec() == b ? "b"
          : ctx.timerSpec() == c ? "c" : "loop";
      ctx.output(StateTesting.next(ctx.state(seq)) + " " + ctx.<String>key() + " " + name + "@"
          + ctx.fireTimestamp().getEpochSecond() + " " + ctx.timeDomain());
      if (ctx.timerSpec() == loop && ctx.fireTimestamp().isBefore(t(50))) {
        ctx.timer(loop).offset(Duration.ofSeconds(10)).setRelative();
      }
      if (ctx.timerSpec() == a && ctx.state(chain).read() != null) {
        ctx.timer(b).set(t(20));
      }
    }
  }

  private PCollection<String> script(dev.millrace.testing.TestStream<KV<String, Long>> events) {
    return p.apply(events).apply(ParDo.of(new Script()));
  }

  @Test
  void timersOfAKeyFireInTimestampOrder() {
    PCollection<String> out = script(stream()
        .addElements(at("k", 1, 0), at("j", 1, 0)).advanceWatermarkTo(t(100)));
    PAssert.that(out).containsInAnyOrder(
        "0 k a@10 EVENT_TIME", "1 k b@20 EVENT_TIME", "2 k c@30 EVENT_TIME",
        "0 j a@10 EVENT_TIME", "1 j b@20 EVENT_TIME", "2 j c@30 EVENT_TIME");
    p.run();
  }

  @Test
  void timersFireOnlyOnceTheWatermarkPassesThem() {
    PCollection<String> out = script(stream()
        .addElements(at("k", 1, 0)).advanceWatermarkTo(t(25))
        .addElements(at("k", 0, 26)).advanceWatermarkTo(t(100)));
    PAssert.that(out).containsInAnyOrder(
        "0 k a@10 EVENT_TIME", "1 k b@20 EVENT_TIME", "2 input 0", "3 k c@30 EVENT_TIME");
    p.run();
  }

  @Test
  void aTimerSetByAFiringFiresBeforeLaterPendingTimers() {
    PCollection<String> out = script(stream()
        .addElements(at("k", 7, 0)).advanceWatermarkTo(t(100)));
    PAssert.that(out).containsInAnyOrder(
        "0 k a@10 EVENT_TIME", "1 k b@20 EVENT_TIME", "2 k c@30 EVENT_TIME");
    p.run();
  }

  @Test
  void aTimerResetBeforeFiringFiresOnceAtItsNewTime() {
    PCollection<String> out = script(stream()
        .addElements(at("k", 2, 0)).addElements(at("k", 3, 1)).advanceWatermarkTo(t(100)));
    PAssert.that(out).containsInAnyOrder("0 k a@40 EVENT_TIME");
    p.run();
  }

  @Test
  void aClearedTimerNeverFires() {
    PCollection<String> out = script(stream()
        .addElements(at("k", 2, 0)).addElements(at("k", 4, 1)).advanceWatermarkTo(t(100))
        .addElements(at("k", 0, 200)));
    PAssert.that(out).containsInAnyOrder("0 input 0");
    p.run();
  }

  @Test
  void aTimerSetForATimeTheWatermarkPassedFires() {
    PCollection<String> out = script(stream()
        .advanceWatermarkTo(t(50)).addElements(at("k", 5, 60)).advanceWatermarkTo(t(100)));
    PAssert.that(out).containsInAnyOrder("0 k a@20 EVENT_TIME");
    p.run();
  }

  @Test
  void aLoopingTimerFiresAtEachRelativeOffset() {
    PCollection<String> out = script(stream()
        .addElements(at("k", 6, 0)).advanceWatermarkTo(t(1000)));
    PAssert.that(out).containsInAnyOrder("0 k loop@10 EVENT_TIME", "1 k loop@20 EVENT_TIME",
        "2 k loop@30 EVENT_TIME", "3 k loop@40 EVENT_TIME", "4 k loop@50 EVENT_TIME");
    p.run();
  }

  /** Sets a timer at the end of the element's window; the firing reports window and timestamp. */
  static final class EndOfWindow extends DoFn<KV<String, Long>, String> {
    private final TimerSpec end = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    @Override
    public void processElement(ProcessContext c) {
      c.timer(end).set(c.window().maxTimestamp());
    }

    @Override
    public void onTimer(OnTimerContext c) {
      c.output(c.<String>key() + " " + Panes.window(c.window()) + " @"
          + Panes.seconds(c.timestamp().toEpochMilli()));
    }
  }

  @Test
  void timersAreScopedToTheirKeyAndWindow() {
    PCollection<String> out = p.apply(stream()
            .addElements(at("k", 0, 10), at("k", 0, 70), at("k", 0, 20), at("j", 0, 30)))
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))))
        .apply(ParDo.of(new EndOfWindow()));
    PAssert.that(out).containsInAnyOrder(
        "k [0,60) @59.999", "k [60,120) @119.999", "j [0,60) @59.999");
    p.run();
  }
}
