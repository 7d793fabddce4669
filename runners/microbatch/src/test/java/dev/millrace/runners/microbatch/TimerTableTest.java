package dev.millrace.runners.microbatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.windowing.core.StateNamespace;
import dev.millrace.windowing.core.TimeDomain;
import dev.millrace.windowing.core.TimerData;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The timer table of a key partition: due timers come out in timestamp order (ties in the order
 * they were set), a reset replaces the earlier setting, and a key has timers exactly while one is
 * pending (which is how stateful stages know a key can be forgotten).
 */
class TimerTableTest {
  private static final StateNamespace NS = StateNamespace.global();

  private static TimerData timer(String id, long at) {
    return TimerData.of(NS, id, TimeDomain.EVENT_TIME, at);
  }

  private static List<String> ids(List<TimerTable.Entry> entries) {
    return entries.stream().map(e -> e.key() + ":" + e.timer().timerId()).toList();
  }

  @Test
  void dueTimersComeOutInTimestampOrderThenSettingOrder() {
    TimerTable t = new TimerTable();
    t.set("a", timer("x", 30));
    t.set("b", timer("y", 10));
    t.set("a", timer("z", 10));
    t.set("b", timer("late", 50));
    assertThat(ids(t.removeDue(TimeDomain.EVENT_TIME, 31))).containsExactly("b:y", "a:z", "a:x");
    assertThat(t.earliest(TimeDomain.EVENT_TIME)).isEqualTo(50);
    assertThat(t.removeDue(TimeDomain.PROCESSING_TIME, Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void resettingATimerReplacesIt() {
    TimerTable t = new TimerTable();
    t.set("a", timer("x", 10));
    t.set("a", timer("x", 40));
    assertThat(t.removeDue(TimeDomain.EVENT_TIME, 20)).isEmpty();
    assertThat(ids(t.removeDue(TimeDomain.EVENT_TIME, 41))).containsExactly("a:x");
  }

  @Test
  void aKeyHasTimersExactlyWhileOneIsPending() {
    TimerTable t = new TimerTable();
    assertThat(t.hasTimers("a")).isFalse();
    t.set("a", timer("x", 10));
    t.set("a", timer("x", 20)); // a reset, still one timer
    t.set("a", timer("y", 30));
    t.set("b", timer("x", 10));
    t.delete("a", NS, "y", TimeDomain.EVENT_TIME);
    assertThat(t.hasTimers("a")).isTrue();
    t.removeDue(TimeDomain.EVENT_TIME, 21);
    assertThat(t.hasTimers("a")).isFalse();
    assertThat(t.hasTimers("b")).isFalse();
    t.set("c", timer("x", 10));
    t.clear();
    assertThat(t.hasTimers("c")).isFalse();
    assertThat(t.all()).isEmpty();
  }
}
