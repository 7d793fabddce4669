package dev.millrace.windowing.core.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.windowing.IntervalWindow;
import dev.millrace.windowing.StateCodecs;
import dev.millrace.windowing.TimestampCombiner;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.core.Aggregations;
import dev.millrace.windowing.core.StateNamespace;
import dev.millrace.windowing.core.StateTag;
import dev.millrace.windowing.core.TimeDomain;
import dev.millrace.windowing.core.TimerData;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory state store and timer queue that runners can use as they are. */
class InMemoryInternalsTest {
  private static final StateNamespace W =
      StateNamespace.window(new IntervalWindow(0, 10), StateCodecs.intervalWindows());

  @Test
  void timersFireStrictlyAfterTheirTimeInTimestampOrder() {
    InMemoryTimerQueue<String> q = new InMemoryTimerQueue<>();
    q.set("a", TimerData.of(W, "t2", TimeDomain.EVENT_TIME, 20));
    q.set("b", TimerData.of(W, "t1", TimeDomain.EVENT_TIME, 10));
    q.set("a", TimerData.of(W, "p", TimeDomain.PROCESSING_TIME, 5));
    assertThat(q.removeDue(TimeDomain.EVENT_TIME, 10)).isEmpty();
    assertThat(q.removeDue(TimeDomain.EVENT_TIME, 21))
        .extracting(t -> t.key() + ":" + t.timer().timerId())
        .containsExactly("b:t1", "a:t2");
    assertThat(q.earliest(TimeDomain.PROCESSING_TIME)).isEqualTo(5);
  }

  @Test
  void settingATimerAgainReplacesItAndDeleteRemovesIt() {
    InMemoryTimerQueue<String> q = new InMemoryTimerQueue<>();
    q.set("a", TimerData.of(W, "t", TimeDomain.EVENT_TIME, 20));
    q.set("a", TimerData.of(W, "t", TimeDomain.EVENT_TIME, 30));
    assertThat(q.size()).isEqualTo(1);
    assertThat(q.earliest(TimeDomain.EVENT_TIME)).isEqualTo(30);
    q.delete("a", W, "t", TimeDomain.EVENT_TIME);
    assertThat(q.isEmpty()).isTrue();
    assertThat(q.earliest(TimeDomain.EVENT_TIME)).isEqualTo(Timestamps.MAX);
  }

  @Test
  void minimumHoldSpansAllKeysAndIsReleasedOnClear() {
    InMemoryStateStore<String> store = InMemoryStateStore.encoding();
    StateTag<dev.millrace.windowing.core.WatermarkHoldState> hold =
        StateTag.watermarkHold("h", TimestampCombiner.EARLIEST);
    store.forKey("a").state(W, hold).add(7);
    store.forKey("b").state(W, hold).add(3);
    store.forKey("b").state(W, hold).add(5);
    assertThat(store.minimumHold()).isEqualTo(3);
    store.forKey("b").state(W, hold).clear();
    assertThat(store.minimumHold()).isEqualTo(7);
    store.forKey("a").clear();
    assertThat(store.minimumHold()).isEqualTo(Timestamps.MAX);
    assertThat(store.isEmpty()).isTrue();
  }

  @Test
  void encodingStateRoundTripsEveryKind() {
    InMemoryStateInternals s = InMemoryStateInternals.encoding();
    s.state(W, StateTag.value("v", StateCodecs.strings())).write("x");
    s.state(W, StateTag.bag("b", StateCodecs.longs())).add(1L);
    s.state(W, StateTag.bag("b", StateCodecs.longs())).add(2L);
    var sum = StateTag.combining("c", Aggregations.summingLongs(), StateCodecs.longs());
    s.state(W, sum).add(4L);
    s.state(W, sum).add(5L);
    assertThat(s.state(W, StateTag.value("v", StateCodecs.strings())).read()).isEqualTo("x");
    assertThat(s.state(W, StateTag.bag("b", StateCodecs.longs())).read()).containsExactly(1L, 2L);
    assertThat(s.state(W, sum).read()).isEqualTo(9L);
    assertThat(s.tagIds(W)).containsExactlyInAnyOrder("v", "b", "c");
  }

  @Test
  void reusingAnIdForAnotherKindIsAClearError() {
    InMemoryStateInternals s = InMemoryStateInternals.create();
    s.state(W, StateTag.value("x", StateCodecs.longs())).write(1L);
    assertThatThrownBy(() -> s.state(W, StateTag.bag("x", StateCodecs.longs())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("give each state its own id");
  }

  @Test
  void namespacesEncodeAndDecode() {
    byte[] bytes = W.encode();
    assertThat(StateNamespace.decode(bytes, StateCodecs.intervalWindows())).isEqualTo(W);
    assertThat(StateNamespace.decode(StateNamespace.global().encode(), StateCodecs.intervalWindows()))
        .isEqualTo(StateNamespace.global());
    assertThat(List.of(W)).doesNotContain(StateNamespace.global());
  }
}
