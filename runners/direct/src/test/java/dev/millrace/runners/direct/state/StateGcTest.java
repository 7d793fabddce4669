package dev.millrace.runners.direct.state;

import static dev.millrace.runners.direct.state.StateKindsTest.kv;
import static dev.millrace.runners.direct.state.StateKindsTest.stream;
import static dev.millrace.runners.direct.state.StateKindsTest.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.Pipeline;
import dev.millrace.PipelineResult;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.metrics.MetricQueryResults;
import dev.millrace.metrics.MetricsFilter;
import dev.millrace.testing.TestStream;
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
import dev.millrace.windowing.IntervalWindow;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Garbage collection of state: when a window expires (its end plus the allowed lateness),
 * onWindowExpiration sees the final state, the state and pending timers are deleted, and later
 * elements of that window are dropped and counted.
 */
class StateGcTest implements Serializable {

  /** Counts per key and window; reports the count when the window expires; optional poll timer. */
  static final class CountUntilExpiry extends DoFn<KV<String, Integer>, String> {
    private final StateSpec<ValueState<Integer>> count = StateSpecs.value(VarIntCoder.of());
    private final TimerSpec poll = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

    @Override
    public void processElement(ProcessContext c) {
      ValueState<Integer> n = c.state(count);
      int next = n.read() == null ? 1 : n.read() + 1;
      n.write(next);
      c.output(c.element().getKey() + ":" + next);
      c.timer(poll).offset(Duration.ofMinutes(1)).setRelative();
    }

    @Override
    public void onTimer(OnTimerContext c) {
      c.output("poll fired in " + c.window());
    }

    @Override
    public void onWindowExpiration(OnWindowExpirationContext c) {
      c.output("expired " + c.window() + " " + c.key() + " count=" + c.state(count).read());
    }
  }

  private static String w(int from, int to) {
    return new IntervalWindow(t(from), t(to)).toString();
  }

  private static long dropped(PipelineResult r) {
    MetricQueryResults q = r.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricsFilter.MetricNameFilter.named("millrace", "droppedDueToLateness"))
        .build());
    return q.counters().stream().mapToLong(c -> c.attempted()).sum();
  }

  @Test
  void expiredWindowsReportFinalStateThenDropLateElements() {
    Pipeline p = Collect.pipeline();
    TestStream<KV<String, Integer>> events = stream()
        .addElements(kv("k", 0, 10), kv("k", 0, 20))
        .advanceWatermarkTo(t(60))
        .addElements(kv("k", 0, 30))
        .addElements(kv("k", 0, 70))
        .advanceProcessingTime(Duration.ofMinutes(5));
    PCollection<String> out = p.apply(events)
        .apply(Window.into(FixedWindows.of(Duration.ofMinutes(1))))
        .apply(ParDo.of(new CountUntilExpiry()));
    String id = Collect.of(out);
    PipelineResult r = Collect.run(p);
    // the poll timer of window [0,60) was deleted with its window; [60,120)'s fires
    assertThat(Collect.<String>results(id)).containsExactly(
        "k:1", "k:2", "expired " + w(0, 60) + " k count=2",
        "k:1", "poll fired in " + w(60, 120), "expired " + w(60, 120) + " k count=1");
    assertThat(dropped(r)).isEqualTo(1);
  }

  @Test
  void allowedLatenessKeepsStateUntilTheWindowExpires() {
    Pipeline p = Collect.pipeline();
    TestStream<KV<String, Integer>> events = stream()
        .addElements(kv("k", 0, 10))
        .advanceWatermarkTo(t(90))
        .addElements(kv("k", 0, 30))
        .advanceWatermarkTo(t(121))
        .addElements(kv("k", 0, 40));
    PCollection<String> out = p.apply(events)
        .apply(Window.<KV<String, Integer>>into(FixedWindows.of(Duration.ofMinutes(1)))
            .withAllowedLateness(Duration.ofMinutes(1)))
        .apply(ParDo.of(new CountUntilExpiry()));
    String id = Collect.of(out);
    PipelineResult r = Collect.run(p);
    assertThat(Collect.<String>results(id)).containsExactly(
        "k:1", "k:2", "expired " + w(0, 60) + " k count=2");
    assertThat(dropped(r)).isEqualTo(1);
  }

  @Test
  void globalWindowStateExpiresAtTheEndOfInput() {
    Pipeline p = Collect.pipeline();
    PCollection<String> out = p.apply(stream()
            .addElements(kv("a", 0, 10), kv("b", 0, 10))
            .addElements(kv("a", 0, 1000)))
        .apply(ParDo.of(new CountUntilExpiry()));
    String id = Collect.of(out);
    Collect.run(p);
    List<String> results = Collect.results(id);
    assertThat(results).containsExactlyInAnyOrder("a:1", "b:1", "a:2",
        "expired GlobalWindow a count=2", "expired GlobalWindow b count=1");
  }
}
