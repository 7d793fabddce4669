package dev.millrace.windowing.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.windowing.triggers.AfterAll;
import dev.millrace.windowing.triggers.AfterEach;
import dev.millrace.windowing.triggers.AfterFirst;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterProcessingTime;
import dev.millrace.windowing.triggers.AfterSynchronizedProcessingTime;
import dev.millrace.windowing.triggers.AfterWatermark;
import dev.millrace.windowing.triggers.DefaultTrigger;
import dev.millrace.windowing.triggers.Never;
import dev.millrace.windowing.triggers.OrFinally;
import dev.millrace.windowing.triggers.Repeatedly;
import dev.millrace.windowing.triggers.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven tests of every trigger state machine (see {@link TriggerTester} for the script
 * language). The window is [0,100), so the watermark passes its end at {@code w100}.
 */
class TriggerStateMachinesTest {
  record Case(String name, Trigger trigger, boolean merging, String script, String expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Case c(String name, Trigger t, String script, String expected) {
    return new Case(name, t, false, script, expected);
  }

  private static Case merging(String name, Trigger t, String script, String expected) {
    return new Case(name, t, true, script, expected);
  }

  private static final Trigger COUNT2 = new AfterPane(2);
  private static final AfterProcessingTime DELAY10 =
      AfterProcessingTime.pastFirstElementInPane().plusDelayOf(Duration.ofMillis(10));

  static Stream<Case> cases() {
    List<Case> all = new ArrayList<>();
    // default
    all.add(c("default: fires at the end of the window, then per late bundle", DefaultTrigger.of(),
        "e w99 w100 e e3 w500", "..FFFF"));
    // never
    all.add(c("never: never fires", Never.ever(), "e e3 w100 p1000", "...."));
    // afterWatermark
    all.add(c("afterWatermark: once when the watermark passes the end",
        AfterWatermark.pastEndOfWindow(), "e w99 w100 e", "..Cx"));
    all.add(c("afterWatermark early: early firings repeat, on-time closes",
        AfterWatermark.pastEndOfWindow().withEarlyFirings(COUNT2), "e e e e w100 e", ".F.FCx"));
    all.add(c("afterWatermark late: on-time, then late firings repeat",
        AfterWatermark.pastEndOfWindow().withLateFirings(COUNT2), "e w100 e e e e3", ".F.F.F"));
    all.add(c("afterWatermark early+late: early count is dropped at the end of window",
        AfterWatermark.pastEndOfWindow().withEarlyFirings(COUNT2).withLateFirings(new AfterPane(1)),
        "e w100 e e", ".FFF"));
    // afterProcessingTime
    all.add(c("afterProcessingTime: delay from the first element, strictly after",
        DELAY10, "p5 e p14 e p15 p16 e", ".....Cx"));
    all.add(c("afterProcessingTime aligned: delay then alignment",
        AfterProcessingTime.pastFirstElementInPane().plusDelayOf(Duration.ofMillis(5))
            .alignedTo(Duration.ofMillis(20), Instant.ofEpochMilli(3)),
        "p4 e p23 p24", "...C"));
    all.add(c("afterSynchronizedProcessingTime: fires at the next processing-time step",
        new AfterSynchronizedProcessingTime(), "p7 e p7 p8", "...C"));
    // afterCount
    all.add(c("afterCount: once the pane holds n elements", COUNT2, "e e e", ".Cx"));
    all.add(c("afterCount: a bundle counts all its elements", new AfterPane(3), "e3", "C"));
    // repeatedly
    all.add(c("repeatedly(count): fires every n elements and never closes",
        Repeatedly.forever(COUNT2), "e e e e3 e", ".F.F."));
    all.add(c("repeatedly(processing time): a new deadline per pane",
        Repeatedly.forever(DELAY10), "e p11 e p21 p22", ".F..F"));
    // afterEach
    all.add(c("afterEach: sub-triggers in order, then closed",
        AfterEach.inOrder(COUNT2, new AfterPane(1)), "e e e e", ".FCx"));
    all.add(c("afterEach: with watermark second", AfterEach.inOrder(
        new AfterPane(1), AfterWatermark.pastEndOfWindow()), "e e w100", "F.C"));
    // afterFirst
    all.add(c("afterFirst: the first ready sub-trigger fires it once",
        AfterFirst.of(COUNT2, AfterWatermark.pastEndOfWindow()), "e w100 e", ".Cx"));
    all.add(c("repeatedly(afterFirst): resets all sub-triggers after a firing",
        Repeatedly.forever(AfterFirst.of(COUNT2, DELAY10)), "e e e p13 e", ".F.F."));
    // afterAll
    all.add(c("afterAll: waits for every sub-trigger",
        AfterAll.of(COUNT2, AfterWatermark.pastEndOfWindow()), "e w100 e", "..C"));
    all.add(c("afterAll: order does not matter", AfterAll.of(COUNT2, DELAY10),
        "e p11 e", "..C"));
    // orFinally
    all.add(c("orFinally: main fires until 'until' fires",
        new OrFinally(Repeatedly.forever(new AfterPane(1)), AfterWatermark.pastEndOfWindow()),
        "e e w100 e", "FFCx"));
    all.add(c("orFinally: until takes precedence and closes",
        new OrFinally(Repeatedly.forever(COUNT2), new AfterPane(3)), "e e e e", ".FCx"));
    // merging
    all.add(merging("merge: counts of merged windows add up", COUNT2, "e m", ".C"));
    all.add(merging("merge: repeated count keeps counting after merge",
        Repeatedly.forever(new AfterPane(3)), "e m e", "..F"));
    all.add(merging("merge: the merged window fires at its own end",
        AfterWatermark.pastEndOfWindow(), "e m w100 w150", "...C"));
    all.add(merging("merge: early+late with merging windows",
        AfterWatermark.pastEndOfWindow().withEarlyFirings(new AfterPane(2)), "e m w150", ".FC"));
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void firesAsExpected(Case c) {
    TriggerTester tester = new TriggerTester(c.trigger(), c.merging());
    assertThat(tester.run(c.script())).isEqualTo(c.expected());
    assertThat(tester.clearAndCheckEmpty()).as("no trigger state after clearing").isTrue();
  }

  @Test
  void processingTimeTriggerSetsATimerForItsDeadline() {
    TriggerTester tester = new TriggerTester(DELAY10, false);
    tester.run("p5 e");
    assertThat(tester.pendingProcessingTimer()).isEqualTo(15);
  }

  @Test
  void watermarkTriggerSetsAnEndOfWindowTimer() {
    TriggerTester tester = new TriggerTester(AfterWatermark.pastEndOfWindow(), false);
    tester.run("e");
    assertThat(tester.pendingEventTimer()).isEqualTo(99);
  }

  @Test
  void everyTriggerSpecBuildsAndHugeTreesAreRejected() {
    Trigger t = new AfterPane(1);
    for (int i = 0; i < 70; i++) {
      t = Repeatedly.forever(t);
    }
    Trigger huge = t;
    assertThatThrownBy(() -> TriggerStateMachines.build(huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("simplify the trigger");
  }
}
