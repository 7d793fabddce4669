package dev.millrace.compliance.state;

import static dev.millrace.compliance.triggers.Panes.at;
import static dev.millrace.compliance.triggers.Panes.stream;
import static dev.millrace.compliance.triggers.Panes.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.PipelineResult;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.compliance.capability.Requires;
import dev.millrace.compliance.triggers.Panes;
import dev.millrace.metrics.MetricsFilter;
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
 * Garbage collection of state at window expiry (the end of the window plus the allowed lateness):
 * onWindowExpiration sees the final state, then state and pending timers are deleted, and later
 * elements of that window are dropped and counted in {@code droppedDueToLateness}.
 */
@Requires({Capability.STATE, Capability.TEST_STREAM, Capability.METRICS})
class StateGcTest {
  @RegisterExtension final TestPipeline p = TestPipeline.create();

  /** Counts per key and window; reports the count at expiry; optionally a processing-time poll. */
  static final class CountUntilExpiry extends DoFn<KV<String, Long>, String> {
    private final StateSpec<ValueState<Long>> count = StateSpecs.value(VarLongCoder.of());
    private final TimerSpec poll = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);
    private final boolean polling;

    CountUntilExpiry(boolean polling) {
      this.polling = polling;
    }

    @Override
    public void processElement(ProcessContext c) {
      ValueState<Long> n = c.state(count);
      long next = n.read() == null ? 1 : n.read() + 1;
      n.write(next);
      c.output(c.element().getKey() + ":" + next + " " + Panes.window(c.window()));
      if (polling) {
        c.timer(poll).offset(Duration.ofMinutes(1)).setRelative();
      }
    }

    @Override
    public void onTimer(OnTimerContext c) {
      c.output("poll fired in " + Panes.window(c.window()));
    }

    @Override
    public void onWindowExpiration(OnWindowExpirationContext c) {
      c.output("expired " + Panes.window(c.window()) + " " + c.key() + " count="
          + c.state(count).read());
    }
  }

  private long dropped(PipelineResult result) {
    return result.metrics().queryMetrics(MetricsFilter.builder()
            .addNameFilter(MetricsFilter.MetricNameFilter.named("millrace", "droppedDueToLateness"))
            .build())
        .counterValue("droppedDueToLateness");
  }

  @Test
  @Requires({Capability.TIMERS, Capability.PROCESSING_TIME})
  void anExpiredWindowReportsItsFinalStateAndDeletesItsTimers() {
    PCollection<String> out = p.apply(stream()
            .addElements(at("k", 0, 10), at("k", 0, 20))
            .advanceWatermarkTo(t(60))
            .addElements(at("k", 0, 30))
            .addElements(at("k", 0, 70))
            .advanceProcessingTime(Duration.ofMinutes(5)))
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))))
        .apply(ParDo.of(new CountUntilExpiry(true)));
    // the poll timer of [0,60) was deleted with its window; that of [60,120) fires
    PAssert.that(out).containsInAnyOrder("k:1 [0,60)", "k:2 [0,60)", "expired [0,60) k count=2",
        "k:1 [60,120)", "poll fired in [60,120)", "expired [60,120) k count=1");
    assertThat(dropped(p.run())).isEqualTo(1);
  }

  @Test
  void allowedLatenessKeepsStateUntilTheWindowExpires() {
    PCollection<String> out = p.apply(stream()
            .addElements(at("k", 0, 10))
            .advanceWatermarkTo(t(90))
            .addElements(at("k", 0, 30))
            .advanceWatermarkTo(t(121))
            .addElements(at("k", 0, 40)))
        .apply(Window.<KV<String, Long>>into(FixedWindows.of(Duration.ofMinutes(1)))
            .withAllowedLateness(Duration.ofMinutes(1)))
        .apply(ParDo.of(new CountUntilExpiry(false)));
    PAssert.that(out).containsInAnyOrder("k:1 [0,60)", "k:2 [0,60)", "expired [0,60) k count=2");
    assertThat(dropped(p.run())).isEqualTo(1);
  }

  @Test
  void eachKeyAndWindowExpiresWithItsOwnState() {
    PCollection<String> out = p.apply(stream()
            .addElements(at("a", 0, 10), at("b", 0, 10))
            .advanceWatermarkTo(t(60))
            .addElements(at("a", 0, 61), at("a", 0, 62)))
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))))
        .apply(ParDo.of(new CountUntilExpiry(false)));
    PAssert.that(out).containsInAnyOrder("a:1 [0,60)", "b:1 [0,60)",
        "expired [0,60) a count=1", "expired [0,60) b count=1",
        "a:1 [60,120)", "a:2 [60,120)", "expired [60,120) a count=2");
    assertThat(dropped(p.run())).isZero();
  }

  @Test
  void globalWindowStateExpiresAtTheEndOfInput() {
    PCollection<String> out = p.apply(stream()
            .addElements(at("a", 0, 10), at("b", 0, 10))
            .addElements(at("a", 0, 1000)))
        .apply(ParDo.of(new CountUntilExpiry(false)));
    PAssert.that(out).containsInAnyOrder("a:1 GW", "b:1 GW", "a:2 GW",
        "expired GW a count=2", "expired GW b count=1");
    p.run();
  }
}
