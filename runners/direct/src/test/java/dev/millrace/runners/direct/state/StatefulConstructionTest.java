package dev.millrace.runners.direct.state;

import static dev.millrace.runners.direct.state.StateKindsTest.kv;
import static dev.millrace.runners.direct.state.StateKindsTest.stream;
import static dev.millrace.runners.direct.state.StateKindsTest.t;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.Pipeline;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.transforms.Create;
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
import dev.millrace.windowing.Sessions;
import java.io.Serializable;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Invalid stateful ParDos fail at construction (or at the faulty call) with a fix-it message. */
class StatefulConstructionTest implements Serializable {

  static final class StatefulOnStrings extends DoFn<String, String> {
    private final StateSpec<ValueState<Integer>> count = StateSpecs.value(VarIntCoder.of());

    @Override
    public void processElement(ProcessContext c) {}
  }

  @Test
  void inputMustBeKeyed() {
    Pipeline p = Collect.pipeline();
    PCollection<String> input = p.apply(Create.of("a", "b"));
    assertThatThrownBy(() -> input.apply(ParDo.of(new StatefulOnStrings())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("stateful DoFn")
        .hasMessageContaining("[count]")
        .hasMessageContaining("must be a PCollection of KV")
        .hasMessageContaining("WithKeys");
  }

  static final class StatefulOnDoubles extends DoFn<KV<Double, Long>, String> {
    private final StateSpec<ValueState<Integer>> count = StateSpecs.value(VarIntCoder.of());

    @Override
    public void processElement(ProcessContext c) {}
  }

  @Test
  void keyCoderMustBeDeterministic() {
    Pipeline p = Collect.pipeline();
    PCollection<KV<Double, Long>> input = p.apply(Create.of(KV.of(1.5, 1L)));
    assertThatThrownBy(() -> input.apply(ParDo.of(new StatefulOnDoubles())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not deterministic")
        .hasMessageContaining("DoubleCoder");
  }

  static final class Counter extends DoFn<KV<String, Integer>, String> {
    private final StateSpec<ValueState<Integer>> count = StateSpecs.value(VarIntCoder.of());

    @Override
    public void processElement(ProcessContext c) {}
  }

  @Test
  void mergingWindowsAreRejected() {
    Pipeline p = Collect.pipeline();
    PCollection<KV<String, Integer>> input = p.apply(stream().addElements(kv("a", 1, 1)))
        .apply(Window.into(Sessions.withGapDuration(Duration.ofMinutes(1))));
    assertThatThrownBy(() -> input.apply(ParDo.of(new Counter())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("merging window function");
  }

  static final class TimerWithoutCallback extends DoFn<KV<String, Integer>, String> {
    private final TimerSpec flush = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    @Override
    public void processElement(ProcessContext c) {}
  }

  @Test
  void declaredTimersNeedOnTimer() {
    Pipeline p = Collect.pipeline();
    PCollection<KV<String, Integer>> input = p.apply(stream().addElements(kv("a", 1, 1)));
    assertThatThrownBy(() -> input.apply(ParDo.of(new TimerWithoutCallback())))
        .hasMessageContaining("[flush]")
        .hasMessageContaining("does not override onTimer");
  }

  static final class SharedSpec extends DoFn<KV<String, Integer>, String> {
    private final StateSpec<ValueState<Integer>> a = StateSpecs.value(VarIntCoder.of());
    private final StateSpec<ValueState<Integer>> b = a;

    @Override
    public void processElement(ProcessContext c) {}
  }

  static final class NullSpec extends DoFn<KV<String, Integer>, String> {
    private final StateSpec<ValueState<Integer>> missing = null;

    @Override
    public void processElement(ProcessContext c) {}
  }

  @Test
  void eachFieldNeedsItsOwnNonNullSpec() {
    Pipeline p = Collect.pipeline();
    PCollection<KV<String, Integer>> input = p.apply(stream().addElements(kv("a", 1, 1)));
    assertThatThrownBy(() -> input.apply("Shared", ParDo.of(new SharedSpec())))
        .hasMessageContaining("'a' and 'b'")
        .hasMessageContaining("create one per field");
    assertThatThrownBy(() -> input.apply("Null", ParDo.of(new NullSpec())))
        .hasMessageContaining("'missing'")
        .hasMessageContaining("is null");
  }

  /** Uses a spec that is not a field of the DoFn. */
  static final class UndeclaredSpec extends DoFn<KV<String, Integer>, String> {
    private final StateSpec<ValueState<Integer>> declared = StateSpecs.value(VarIntCoder.of());

    @Override
    public void processElement(ProcessContext c) {
      c.state(StateSpecs.value(VarIntCoder.of())).write(1);
    }
  }

  @Test
  void stateMustBeDeclaredAsAField() {
    Pipeline p = Collect.pipeline();
    p.apply(stream().addElements(kv("a", 1, 1))).apply(ParDo.of(new UndeclaredSpec()));
    assertThatThrownBy(() -> p.run().waitUntilFinish())
        .hasStackTraceContaining("is not a field of DoFn")
        .hasStackTraceContaining("[declared]");
  }

  /** Sets an event-time timer after its window expires. */
  static final class TimerAfterExpiry extends DoFn<KV<String, Integer>, String> {
    private final TimerSpec late = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    @Override
    public void processElement(ProcessContext c) {
      c.timer(late).set(t(90));
    }

    @Override
    public void onTimer(OnTimerContext c) {}
  }

  @Test
  void eventTimersCannotOutliveTheirWindow() {
    Pipeline p = Collect.pipeline();
    p.apply(stream().addElements(kv("a", 1, 1)))
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))))
        .apply(ParDo.of(new TimerAfterExpiry()));
    assertThatThrownBy(() -> p.run().waitUntilFinish())
        .hasStackTraceContaining("event-time timer 'late' was set for")
        .hasStackTraceContaining("after window");
  }

  /** Uses a timer family as a single timer. */
  static final class FamilyAsTimer extends DoFn<KV<String, Integer>, String> {
    private final TimerSpec family = TimerSpecs.timerFamily(TimeDomain.EVENT_TIME);

    @Override
    public void processElement(ProcessContext c) {
      c.timer(family).set(t(5));
    }

    @Override
    public void onTimer(OnTimerContext c) {}
  }

  @Test
  void timerFamiliesAreAddressedByTimerId() {
    Pipeline p = Collect.pipeline();
    p.apply(stream().addElements(kv("a", 1, 1))).apply(ParDo.of(new FamilyAsTimer()));
    assertThatThrownBy(() -> p.run().waitUntilFinish()).hasStackTraceContaining("is a timer family; use c.timerFamily");
  }

  /** Outputs from a timer that has no output timestamp. */
  static final class OutputWithoutTimestamp extends DoFn<KV<String, Integer>, String> {
    private final TimerSpec cleanup = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    @Override
    public void processElement(ProcessContext c) {
      c.timer(cleanup).withNoOutputTimestamp().set(t(5));
    }

    @Override
    public void onTimer(OnTimerContext c) {
      c.output("boom");
    }
  }

  @Test
  void timersWithoutOutputTimestampCannotOutput() {
    Pipeline p = Collect.pipeline();
    p.apply(stream().addElements(kv("a", 1, 1))).apply(ParDo.of(new OutputWithoutTimestamp()));
    assertThatThrownBy(() -> p.run().waitUntilFinish()).hasStackTraceContaining("withNoOutputTimestamp(), so its onTimer "
        + "may not output");
  }
}
