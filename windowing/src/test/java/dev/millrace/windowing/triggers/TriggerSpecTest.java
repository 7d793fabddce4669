package dev.millrace.windowing.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TriggerSpecTest {
  private static final Trigger COUNT_3 = AfterPane.elementCountAtLeast(3);
  private static final Trigger COUNT_1 = AfterPane.elementCountAtLeast(1);
  private static final Trigger DELAY =
      AfterProcessingTime.pastFirstElementInPane().plusDelayOf(Duration.ofMinutes(1));
  private static final Trigger SYNC = new AfterSynchronizedProcessingTime();
  private static final Trigger EOW = AfterWatermark.pastEndOfWindow();

  static Stream<Arguments> continuations() {
    return Stream.of(
        Arguments.of(DefaultTrigger.of(), DefaultTrigger.of()),
        Arguments.of(Never.ever(), Never.ever()),
        Arguments.of(EOW, EOW),
        Arguments.of(COUNT_3, COUNT_1),
        Arguments.of(DELAY, SYNC),
        Arguments.of(SYNC, SYNC),
        Arguments.of(Repeatedly.forever(COUNT_3), Repeatedly.forever(COUNT_1)),
        Arguments.of(AfterFirst.of(COUNT_3, DELAY), AfterFirst.of(COUNT_1, SYNC)),
        Arguments.of(AfterAll.of(COUNT_3, DELAY), AfterAll.of(COUNT_1, SYNC)),
        Arguments.of(
            AfterEach.inOrder(COUNT_3, DELAY),
            Repeatedly.forever(AfterFirst.of(COUNT_1, SYNC))),
        Arguments.of(
            Repeatedly.forever(COUNT_3).orFinally(EOW),
            Repeatedly.forever(Repeatedly.forever(COUNT_1).orFinally(EOW))),
        Arguments.of(
            AfterWatermark.pastEndOfWindow().withEarlyFirings(DELAY).withLateFirings(COUNT_3),
            AfterWatermark.pastEndOfWindow().withEarlyFirings(SYNC).withLateFirings(COUNT_1)),
        Arguments.of(
            AfterWatermark.pastEndOfWindow().withEarlyFirings(COUNT_3),
            AfterWatermark.pastEndOfWindow().withEarlyFirings(COUNT_1)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("continuations")
  void continuationIsWhatADownstreamGroupingUses(Trigger trigger, Trigger expected) {
    assertThat(trigger.continuation()).isEqualTo(expected);
  }

  static Stream<Arguments> mayFinish() {
    return Stream.of(
        Arguments.of(DefaultTrigger.of(), false),
        Arguments.of(Never.ever(), false),
        Arguments.of(EOW, true),
        Arguments.of(AfterWatermark.pastEndOfWindow().withEarlyFirings(COUNT_3), true),
        Arguments.of(AfterWatermark.pastEndOfWindow().withLateFirings(COUNT_3), false),
        Arguments.of(COUNT_3, true),
        Arguments.of(DELAY, true),
        Arguments.of(SYNC, true),
        Arguments.of(Repeatedly.forever(COUNT_3), false),
        Arguments.of(Repeatedly.forever(COUNT_3).orFinally(DELAY), true),
        Arguments.of(Repeatedly.forever(COUNT_3).orFinally(Never.ever()), false),
        Arguments.of(AfterEach.inOrder(COUNT_3, DELAY), true),
        Arguments.of(AfterEach.inOrder(COUNT_3, Repeatedly.forever(DELAY)), false),
        Arguments.of(AfterFirst.of(COUNT_3, Never.ever()), true),
        Arguments.of(AfterFirst.of(Never.ever(), Never.ever()), false),
        Arguments.of(AfterAll.of(COUNT_3, DELAY), true),
        Arguments.of(AfterAll.of(COUNT_3, Never.ever()), false));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("mayFinish")
  void mayFinishSaysWhetherTheTriggerCanStopFiring(Trigger trigger, boolean expected) {
    assertThat(trigger.mayFinish()).isEqualTo(expected);
  }

  static Stream<Arguments> onceTriggers() {
    return Stream.of(
        Arguments.of(COUNT_3, true), Arguments.of(DELAY, true), Arguments.of(SYNC, true),
        Arguments.of(EOW, true), Arguments.of(Never.ever(), true),
        Arguments.of(AfterFirst.of(COUNT_3), true), Arguments.of(AfterAll.of(COUNT_3), true),
        Arguments.of(DefaultTrigger.of(), false), Arguments.of(Repeatedly.forever(COUNT_3), false),
        Arguments.of(AfterEach.inOrder(COUNT_3), false), Arguments.of(COUNT_3.orFinally(EOW), false),
        Arguments.of(AfterWatermark.pastEndOfWindow().withEarlyFirings(COUNT_3), false));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("onceTriggers")
  void onceTriggersAreBeamsOnceTriggers(Trigger trigger, boolean expected) {
    assertThat(trigger.isOnceTrigger()).isEqualTo(expected);
  }

  static Stream<Arguments> strings() {
    return Stream.of(
        Arguments.of(DefaultTrigger.of(), "DefaultTrigger"),
        Arguments.of(Never.ever(), "Never.ever()"),
        Arguments.of(EOW, "AfterWatermark.pastEndOfWindow()"),
        Arguments.of(
            AfterWatermark.pastEndOfWindow().withEarlyFirings(COUNT_3).withLateFirings(COUNT_1),
            "AfterWatermark.pastEndOfWindow().withEarlyFirings(AfterPane.elementCountAtLeast(3))"
                + ".withLateFirings(AfterPane.elementCountAtLeast(1))"),
        Arguments.of(
            AfterWatermark.pastEndOfWindow().withEarlyFirings(Never.ever()),
            "AfterWatermark.pastEndOfWindow()"),
        Arguments.of(
            AfterProcessingTime.pastFirstElementInPane()
                .plusDelayOf(Duration.ofSeconds(30))
                .alignedTo(Duration.ofMinutes(1)),
            "AfterProcessingTime.pastFirstElementInPane().plusDelayOf(PT30S)"
                + ".alignedTo(PT1M, 1970-01-01T00:00:00Z)"),
        Arguments.of(SYNC, "AfterSynchronizedProcessingTime.pastFirstElementInPane()"),
        Arguments.of(
            Repeatedly.forever(COUNT_3).orFinally(EOW),
            "Repeatedly.forever(AfterPane.elementCountAtLeast(3))"
                + ".orFinally(AfterWatermark.pastEndOfWindow())"),
        Arguments.of(
            AfterEach.inOrder(COUNT_3, EOW),
            "AfterEach.inOrder(AfterPane.elementCountAtLeast(3), AfterWatermark.pastEndOfWindow())"),
        Arguments.of(AfterFirst.of(COUNT_3, Never.ever()),
            "AfterFirst.of(AfterPane.elementCountAtLeast(3), Never.ever())"),
        Arguments.of(AfterAll.of(COUNT_1), "AfterAll.of(AfterPane.elementCountAtLeast(1))"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("strings")
  void toStringReadsLikeTheBuilderCall(Trigger trigger, String expected) {
    assertThat(trigger).hasToString(expected);
  }

  @Test
  void validatesArguments() {
    assertThatThrownBy(() -> AfterPane.elementCountAtLeast(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1, got 0");
    assertThatThrownBy(() -> AfterEach.inOrder())
        .hasMessageContaining("AfterEach.inOrder needs at least one sub-trigger");
    assertThatThrownBy(() -> AfterFirst.of()).hasMessageContaining("AfterFirst.of needs");
    assertThatThrownBy(() -> AfterAll.of(COUNT_1, null))
        .hasMessageContaining("sub-trigger #1 is null");
    assertThatThrownBy(
            () -> AfterProcessingTime.pastFirstElementInPane().plusDelayOf(Duration.ofSeconds(-1)))
        .hasMessageContaining("non-negative delay");
    assertThatThrownBy(
            () -> AfterProcessingTime.pastFirstElementInPane().alignedTo(Duration.ZERO))
        .hasMessageContaining("positive period");
    assertThatThrownBy(() -> Repeatedly.forever(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void compositesCopyTheirLists() {
    List<Trigger> list = new java.util.ArrayList<>(List.of(COUNT_1));
    AfterFirst first = new AfterFirst(list);
    list.add(COUNT_3);
    assertThat(first.triggers()).containsExactly(COUNT_1);
    assertThat(first.subTriggers()).containsExactly(COUNT_1);
  }

  @Test
  void onceTriggerPositionsAreChecked() {
    AfterWatermark repeatedEarly =
        AfterWatermark.pastEndOfWindow().withEarlyFirings(Repeatedly.forever(COUNT_1));
    assertThatThrownBy(repeatedEarly::checkOnceTriggersWhereRequired)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the early firings of")
        .hasMessageContaining("do not wrap them in Repeatedly.forever");
    assertThatThrownBy(
            () -> Repeatedly.forever(AfterFirst.of(COUNT_1, DefaultTrigger.of()))
                .checkOnceTriggersWhereRequired())
        .hasMessageContaining("each member of AfterFirst.of");
    assertThatThrownBy(
            () -> COUNT_1.orFinally(Repeatedly.forever(COUNT_3)).checkOnceTriggersWhereRequired())
        .hasMessageContaining("the 'until' trigger");
    // AfterEach and Repeatedly accept any trigger.
    AfterEach.inOrder(Repeatedly.forever(COUNT_1), DefaultTrigger.of())
        .checkOnceTriggersWhereRequired();
    AfterWatermark.pastEndOfWindow()
        .withEarlyFirings(AfterFirst.of(COUNT_3, DELAY))
        .withLateFirings(COUNT_1)
        .checkOnceTriggersWhereRequired();
  }
}
