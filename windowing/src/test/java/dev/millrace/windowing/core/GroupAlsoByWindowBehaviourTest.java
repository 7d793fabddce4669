package dev.millrace.windowing.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.windowing.TimestampCombiner;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowingStrategy;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.Repeatedly;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviour of the grouping core that is not about pane contents alone: holds, GC, grouping. */
class GroupAlsoByWindowBehaviourTest {

  @Test
  void groupingEmitsTheValuesOfEachPane() {
    GroupAlsoByWindowTester<List<Long>> t = GroupAlsoByWindowTester.grouping(Scripts.fixed(10));
    Scripts.run(t, List.of("a:1@1 a:2@3", "a:5@4", "wm:inf"));
    assertThat(t.takeOutputs()).containsExactly("a [0,10) [1, 2, 5] @9 ON_TIME 0/0 first last");
  }

  @Test
  void earliestHoldsTheOutputWatermarkUntilThePaneFires() {
    WindowingStrategy s =
        Scripts.fixed(10).withTimestampCombiner(TimestampCombiner.EARLIEST);
    GroupAlsoByWindowTester<Long> t = GroupAlsoByWindowTester.summing(s);
    Scripts.run(t, List.of("a:1@4 b:1@2", "wm:8"));
    assertThat(t.minimumHold()).isEqualTo(2);
    assertThat(t.outputWatermark()).isEqualTo(2);
    t.advanceWatermark(10);
    assertThat(t.takeOutputs()).hasSize(2);
    assertThat(t.minimumHold()).isEqualTo(Timestamps.MAX);
    assertThat(t.outputWatermark()).isEqualTo(10);
  }

  @Test
  void garbageCollectionClearsStateAndTimers() {
    WindowingStrategy s =
        Scripts.fixed(10)
            .withTrigger(Repeatedly.forever(new AfterPane(5)))
            .withAllowedLateness(Duration.ofMillis(50));
    GroupAlsoByWindowTester<Long> t = GroupAlsoByWindowTester.summing(s);
    Scripts.run(t, List.of("a:1@1", "wm:20"));
    assertThat(t.isStateEmpty()).isFalse();
    assertThat(t.takeOutputs()).isEmpty();
    t.advanceWatermark(60);
    assertThat(t.takeOutputs()).containsExactly("a [0,10) 1 @9 ON_TIME 0/0 first last");
    assertThat(t.isStateEmpty()).isTrue();
    assertThat(t.timers().isEmpty()).isTrue();
  }
}
