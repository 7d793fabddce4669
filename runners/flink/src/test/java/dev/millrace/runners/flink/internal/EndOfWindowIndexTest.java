package dev.millrace.runners.flink.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.windowing.IntervalWindow;
import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.core.StateNamespace;
import dev.millrace.windowing.core.TimeDomain;
import dev.millrace.windowing.core.TimerData;
import dev.millrace.windowing.core.TimerInternals;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.java.tuple.Tuple2;
import org.junit.jupiter.api.Test;

/**
 * The in-memory index of a STREAMING grouping's open windows (windows that fire only at their
 * end): each window fires once however often its timer is set, due windows fire in time order
 * (each time's in the order they opened), later ones wait, a window set while firing waits for
 * the next watermark, and a rebuilt index fires the restored windows.
 */
class EndOfWindowIndexTest {
  @SuppressWarnings("unchecked")
  private static final StateCodec<IntervalWindow> CODEC = (StateCodec<IntervalWindow>)
      dev.millrace.windowing.FixedWindows.of(java.time.Duration.ofMinutes(1)).windowCodec();

  private EncodedKey current;
  private final List<String> fired = new ArrayList<>();
  private final EndOfWindowIndex index = new EndOfWindowIndex(() -> current,
      ns -> new EncodedKey(ns.encode()), e -> StateNamespace.decode(e.bytes(), CODEC),
      FlinkClock.real(), new NoClocks());

  private static EncodedKey key(String k) {
    return new EncodedKey(k.getBytes(StandardCharsets.UTF_8));
  }

  private static IntervalWindow minute(int m) {
    return new IntervalWindow(Instant.ofEpochSecond(60L * m), Instant.ofEpochSecond(60L * m + 60));
  }

  private static StateNamespace ns(IntervalWindow w) {
    return StateNamespace.window(w, CODEC);
  }

  /** Sets the window's end-of-window timer under key {@code k}, as the core does. */
  private void set(String k, IntervalWindow w) {
    current = key(k);
    index.setTimer(TimerData.of(ns(w), "gc", TimeDomain.EVENT_TIME, w.maxTimestampMillis()));
  }

  /** Fires what a Flink watermark at the end of minute {@code m} makes due. */
  private void watermarkAfterMinute(int m) {
    index.fireDue(minute(m).maxTimestampMillis() + 1, this::record);
  }

  private void record(EncodedKey key, TimerData timer) {
    IntervalWindow w = (IntervalWindow) timer.namespace().window();
    assertThat(timer.timestamp()).isEqualTo(w.maxTimestampMillis());
    assertThat(timer.domain()).isEqualTo(TimeDomain.EVENT_TIME);
    String k = new String(key.bytes(), StandardCharsets.UTF_8);
    fired.add(k + "@" + w.start().getEpochSecond() / 60);
  }

  @Test
  void aWindowSetManyTimesFiresOnce() {
    set("a", minute(0));
    set("b", minute(0));
    set("a", minute(0));
    set("a", minute(0));
    watermarkAfterMinute(0);
    assertThat(fired).containsExactly("a@0", "b@0");
    assertThat(index.openWindows()).isZero();
  }

  @Test
  void dueWindowsFireInTimeOrderAndLaterOnesWait() {
    set("c", minute(2));
    set("a", minute(1));
    set("b", minute(0));
    set("a", minute(0));
    set("c", minute(1));
    watermarkAfterMinute(0);
    assertThat(fired).containsExactly("b@0", "a@0");
    watermarkAfterMinute(1);
    assertThat(fired).containsExactly("b@0", "a@0", "a@1", "c@1");
    assertThat(index.openWindows()).isEqualTo(1);
    index.fireDue(minute(2).maxTimestampMillis(), this::record); // one short of minute 2's time
    assertThat(fired).hasSize(4);
    index.fireDue(Long.MAX_VALUE, this::record);
    assertThat(fired).endsWith("c@2");
    assertThat(index.openWindows()).isZero();
  }

  @Test
  void aWindowSetWhileFiringWaitsForTheNextWatermark() {
    set("a", minute(0));
    index.fireDue(minute(0).maxTimestampMillis() + 1, (key, timer) -> {
      record(key, timer);
      set("a", minute(0)); // as the core would if it found the window not yet due
    });
    assertThat(fired).containsExactly("a@0");
    assertThat(index.openWindows()).isEqualTo(1);
    watermarkAfterMinute(0);
    assertThat(fired).containsExactly("a@0", "a@0");
  }

  @Test
  void aRebuiltIndexFiresEveryRestoredWindowOnce() {
    EncodedKey m0 = new EncodedKey(ns(minute(0)).encode());
    EncodedKey m3 = new EncodedKey(ns(minute(3)).encode());
    index.rebuild(List.of(Tuple2.of(key("x"), m3), Tuple2.of(key("y"), m0),
            Tuple2.of(key("x"), m0), Tuple2.of(key("y"), m0)),
        ns -> ns.window().maxTimestampMillis());
    assertThat(index.openWindows()).isEqualTo(3);
    index.fireDue(Long.MAX_VALUE, this::record);
    assertThat(fired).containsExactly("y@0", "x@0", "x@3");
  }

  @Test
  void onlyEventTimeTimersOfWindowsAreIndexed() {
    current = key("a");
    assertThatThrownBy(() -> index.setTimer(
            TimerData.of(ns(minute(0)), "t", TimeDomain.PROCESSING_TIME, 5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("event-time timers of windows");
    assertThatThrownBy(() -> index.deleteTimer(ns(minute(0)), "gc", TimeDomain.EVENT_TIME))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  /** The index only forwards the clocks; these tests never read them. */
  private static final class NoClocks implements TimerInternals {
    @Override
    public void setTimer(TimerData timer) {
      throw new AssertionError("not used");
    }

    @Override
    public void deleteTimer(StateNamespace namespace, String timerId, TimeDomain domain) {
      throw new AssertionError("not used");
    }

    @Override
    public long currentInputWatermark() {
      throw new AssertionError("not used");
    }

    @Override
    public long currentOutputWatermark() {
      throw new AssertionError("not used");
    }

    @Override
    public long currentProcessingTime() {
      throw new AssertionError("not used");
    }
  }
}
