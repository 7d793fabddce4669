package dev.millrace.windowing.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.windowing.AccumulationMode;
import dev.millrace.windowing.Sessions;
import dev.millrace.windowing.WindowingStrategy;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterWatermark;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three examples of ../shared/conformance/examples, driven through the core directly. */
class ConformanceExamplesTest {

  @Test
  void fixedSum() {
    GroupAlsoByWindowTester<Long> t = GroupAlsoByWindowTester.summing(Scripts.fixed(60_000));
    Scripts.run(t, List.of("a:1@10000 b:4@30000 a:2@50000 a:3@70000", "wm:inf"));
    assertThat(t.takeOutputs())
        .containsExactlyInAnyOrder(
            "a [0,60000) 3 @59999 ON_TIME 0/0 first last",
            "a [60000,120000) 3 @119999 ON_TIME 0/0 first last",
            "b [0,60000) 4 @59999 ON_TIME 0/0 first last");
    assertThat(t.isStateEmpty()).isTrue();
  }

  @Test
  void lateAccumulating() {
    WindowingStrategy s =
        Scripts.fixed(60_000)
            .withTrigger(AfterWatermark.pastEndOfWindow().withLateFirings(new AfterPane(1)))
            .withMode(AccumulationMode.ACCUMULATING_FIRED_PANES)
            .withAllowedLateness(Duration.ofMinutes(5));
    GroupAlsoByWindowTester<Long> t = GroupAlsoByWindowTester.summing(s);
    Scripts.run(
        t,
        List.of("k:5@10000", "wm:60000", "k:3@20000", "wm:420000", "k:1@30000", "wm:inf"));
    assertThat(t.takeOutputs())
        .containsExactlyInAnyOrder(
            "k [0,60000) 5 @59999 ON_TIME 0/0 first", "k [0,60000) 8 @59999 LATE 1/1");
    assertThat(t.droppedDueToLateness()).isEqualTo(1);
    assertThat(t.isStateEmpty()).isTrue();
  }

  @Test
  void sessionsCount() {
    WindowingStrategy s =
        WindowingStrategy.globalDefault()
            .withWindowFn(Sessions.withGapDuration(Duration.ofMinutes(1)));
    GroupAlsoByWindowTester<Long> t = GroupAlsoByWindowTester.summing(s);
    Scripts.run(t, List.of("u:1@0 u:1@30000 u:1@120000", "wm:inf"));
    assertThat(t.takeOutputs())
        .containsExactlyInAnyOrder(
            "u [0,90000) 2 @89999 ON_TIME 0/0 first last",
            "u [120000,180000) 1 @179999 ON_TIME 0/0 first last");
    assertThat(t.isStateEmpty()).isTrue();
  }
}
