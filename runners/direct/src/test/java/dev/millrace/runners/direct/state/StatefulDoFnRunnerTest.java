package dev.millrace.runners.direct.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.options.PipelineOptionsFactory;
import dev.millrace.runners.core.MetricsContainerImpl;
import dev.millrace.runners.core.OutputManager;
import dev.millrace.runners.core.state.StatefulDoFnRunner;
import dev.millrace.values.KV;
import dev.millrace.values.TupleTag;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.IntervalWindow;
import dev.millrace.windowing.PaneInfo;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowedValue;
import dev.millrace.windowing.WindowingStrategy;
import dev.millrace.windowing.core.TimeDomain;
import dev.millrace.windowing.core.TimerData;
import dev.millrace.windowing.core.inmemory.InMemoryClock;
import dev.millrace.windowing.core.inmemory.InMemoryStateStore;
import dev.millrace.windowing.core.inmemory.InMemoryTimerQueue;
import dev.millrace.windowing.core.inmemory.KeyedTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shared stateful runner over the in-memory state and timer internals, as any runner would
 * drive it: after a window expires, the key's storage is empty — no state cells, no pending
 * timers, no watermark holds.
 */
class StatefulDoFnRunnerTest {
  private final InMemoryStateStore<String> store = InMemoryStateStore.encoding();
  private final InMemoryTimerQueue<String> queue = new InMemoryTimerQueue<>();
  private final InMemoryClock clock = new InMemoryClock(0);
  private final List<Object> outputs = new ArrayList<>();

  private StatefulDoFnRunner<String, Integer, String> runner() {
    OutputManager om = new OutputManager() {
      @Override
      public <T> void output(TupleTag<T> tag, WindowedValue<T> value) {
        outputs.add(value.value());
      }
    };
    StatefulDoFnRunner<String, Integer, String> r = new StatefulDoFnRunner<>(
        "Count", new StateGcTest.CountUntilExpiry(), PipelineOptionsFactory.create(),
        new TupleTag<>("main"), List.of(),
        WindowingStrategy.globalDefault().withWindowFn(FixedWindows.of(Duration.ofMinutes(1))),
        om, new MetricsContainerImpl("Count"));
    r.setKey("k", store.forKey("k"), queue.forKey("k", clock));
    return r;
  }

  private List<TimerData> due(TimeDomain domain, long clockMillis) {
    List<TimerData> timers = new ArrayList<>();
    for (KeyedTimer<String> t : queue.removeDue(domain, clockMillis)) {
      timers.add(t.timer());
    }
    return timers;
  }

  @Test
  void windowExpiryLeavesNoStateTimersOrHolds() {
    StatefulDoFnRunner<String, Integer, String> r = runner();
    IntervalWindow w = new IntervalWindow(
        java.time.Instant.ofEpochSecond(0), java.time.Instant.ofEpochSecond(60));
    r.startBundle();
    r.processElement(WindowedValue.of(KV.of("k", 1), 10_000L, w, PaneInfo.NO_FIRING));
    r.processElement(WindowedValue.of(KV.of("k", 1), 20_000L, w, PaneInfo.NO_FIRING));
    // the processing-time timer holds the watermark at the element that last set it
    assertThat(store.minimumHold()).isEqualTo(20_000L);
    assertThat(queue.size()).isEqualTo(2); // poll + garbage collection
    assertThat(store.isEmpty()).isFalse();

    clock.advanceInputWatermark(60_000L);
    r.onTimers(due(TimeDomain.EVENT_TIME, clock.inputWatermark()));
    r.finishBundle();

    assertThat(outputs).containsExactly("k:1", "k:2", "expired " + w + " k count=2");
    assertThat(store.isEmpty()).isTrue();
    assertThat(queue.isEmpty()).isTrue();
    assertThat(store.minimumHold()).isEqualTo(Timestamps.MAX);
  }

  @Test
  void firedTimerReleasesItsHold() {
    StatefulDoFnRunner<String, Integer, String> r = runner();
    IntervalWindow w = new IntervalWindow(
        java.time.Instant.ofEpochSecond(0), java.time.Instant.ofEpochSecond(60));
    r.processElement(WindowedValue.of(KV.of("k", 1), 10_000L, w, PaneInfo.NO_FIRING));
    assertThat(store.minimumHold()).isEqualTo(10_000L);
    clock.advanceProcessingTime(120_000L);
    r.onTimers(due(TimeDomain.PROCESSING_TIME, clock.processingTime()));
    assertThat(outputs).containsExactly("k:1", "poll fired in " + w);
    assertThat(store.minimumHold()).isEqualTo(Timestamps.MAX);
    assertThat(queue.size()).isEqualTo(1); // only the garbage-collection timer is left
  }
}
