package dev.millrace.compliance.state;

import static dev.millrace.compliance.triggers.Panes.at;
import static dev.millrace.compliance.triggers.Panes.stream;
import static dev.millrace.compliance.triggers.Panes.t;

import dev.millrace.coders.VarLongCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.runners.Capability;
import dev.millrace.testing.PAssert;
import dev.millrace.testing.TestPipeline;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.state.StateSpec;
import dev.millrace.transforms.state.StateSpecs;
import dev.millrace.transforms.state.TimeDomain;
import dev.millrace.transforms.state.TimerSpec;
import dev.millrace.transforms.state.TimerSpecs;
import dev.millrace.transforms.state.ValueState;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Timer families: timers with dynamic ids, each id an independent timer, in timestamp order with
 * the family's other timers, kept apart from equal ids of another family, reset and cleared by id.
 */
@Requires({Capability.STATE, Capability.TIMERS, Capability.TIMER_FAMILIES, Capability.TEST_STREAM})
class TimerFamilyTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  /**
   * Value v sets first/x@v, second/x@v+1 and first/y@v+2 (in reverse order); value 0 clears
   * first/y; value 1 resets first/x to 50. Firings are numbered per key.
   */
  static final class TwoFamilies extends DoFn<KV<String, Long>, String> {
    private final TimerSpec first = TimerSpecs.timerFamily(TimeDomain.EVENT_TIME);
    private final TimerSpec second = TimerSpecs.timerFamily(TimeDomain.EVENT_TIME);
    private final StateSpec<ValueState<Long>> seq = StateSpecs.value(VarLongCoder.of());

    @Override
    public void processElement(ProcessContext c) {
      long v = c.element().getValue();
      if (v == 0) {
        c.timerFamily(first).get("y").clear();
      } else if (v == 1) {
        c.timerFamily(first).get("x").set(t(50));
      } else {
        c.timerFamily(first).set("y", t(v + 2));
        c.timerFamily(second).set("x", t(v + 1));
        c.timerFamily(first).set("x", t(v));
      }
    }

    @Override
    public void onTimer(OnTimerContext c) {
      String family = c.timerSpec() == first ? "first" : "second";
      c.output(StateTesting.next(c.state(seq)) + " " + c.<String>key() + " " + family + "/"
          + c.timerId() + "@" + c.fireTimestamp().getEpochSecond());
    }
  }

  private PCollection<String> run(dev.millrace.testing.TestStream<KV<String, Long>> events) {
    return p.apply(events).apply(ParDo.of(new TwoFamilies()));
  }

  @Test
  void familyTimersFireInTimestampOrderAndApartFromOtherFamilies() {
    PCollection<String> out = run(stream()
        .addElements(at("a", 10, 0), at("b", 20, 0)).advanceWatermarkTo(t(100)));
    PAssert.that(out).containsInAnyOrder(
        "0 a first/x@10", "1 a second/x@11", "2 a first/y@12",
        "0 b first/x@20", "1 b second/x@21", "2 b first/y@22");
    p.run();
  }

  @Test
  void aFamilyTimerIsClearedByItsId() {
    PCollection<String> out = run(stream()
        .addElements(at("a", 10, 0)).addElements(at("a", 0, 1)).advanceWatermarkTo(t(100)));
    PAssert.that(out).containsInAnyOrder("0 a first/x@10", "1 a second/x@11");
    p.run();
  }

  @Test
  void aFamilyTimerIsResetByItsIdAndFiresOnce() {
    PCollection<String> out = run(stream()
        .addElements(at("a", 10, 0)).addElements(at("a", 1, 1)).advanceWatermarkTo(t(100)));
    PAssert.that(out).containsInAnyOrder("0 a second/x@11", "1 a first/y@12", "2 a first/x@50");
    p.run();
  }

  /** A@10 and B@10 are pending; A's firing resets B to 20, so B fires once, at 20. */
  static final class ResetSibling extends DoFn<KV<String, Long>, String> {
    private final TimerSpec family = TimerSpecs.timerFamily(TimeDomain.EVENT_TIME);
    private final StateSpec<ValueState<Long>> seq = StateSpecs.value(VarLongCoder.of());

    @Override
    public void processElement(ProcessContext c) {
      c.timerFamily(family).set("A", t(10));
      c.timerFamily(family).set("B", t(10));
    }

    @Override
    public void onTimer(OnTimerContext c) {
      c.output(StateTesting.next(c.state(seq)) + " " + c.timerId() + "@"
          + c.fireTimestamp().getEpochSecond());
      if (c.timerId().equals("A")) {
        c.timerFamily(family).set("B", t(20));
      }
    }
  }

  @Test
  void aTimerResetByAFiringOfTheSameTimestampFiresOnce() {
    PCollection<String> out = p.apply(stream()
            .addElements(at("k", 0, 0)).advanceWatermarkTo(t(100)))
        .apply(ParDo.of(new ResetSibling()));
    PAssert.that(out).containsInAnyOrder("0 A@10", "1 B@20");
    p.run();
  }
}
