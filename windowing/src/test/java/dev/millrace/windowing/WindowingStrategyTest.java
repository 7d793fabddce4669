package dev.millrace.windowing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.millrace.windowing.triggers.AfterEach;
import dev.millrace.windowing.triggers.AfterFirst;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterProcessingTime;
import dev.millrace.windowing.triggers.AfterSynchronizedProcessingTime;
import dev.millrace.windowing.triggers.AfterWatermark;
import dev.millrace.windowing.triggers.DefaultTrigger;
import dev.millrace.windowing.triggers.Never;
import dev.millrace.windowing.triggers.Repeatedly;
import dev.millrace.windowing.triggers.Trigger;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WindowingStrategyTest {
  private static final WindowFn<?> FIXED = FixedWindows.of(Duration.ofMinutes(1));
  private static final Trigger COUNT_2 = AfterPane.elementCountAtLeast(2);

  @Test
  void globalDefaultIsBeamsDefault() {
    WindowingStrategy s = WindowingStrategy.globalDefault();
    assertThat(s.windowFn()).isEqualTo(GlobalWindows.of());
    assertThat(s.trigger()).isEqualTo(DefaultTrigger.of());
    assertThat(s.accumulationMode()).isEqualTo(AccumulationMode.DISCARDING_FIRED_PANES);
    assertThat(s.allowedLateness()).isEqualTo(Duration.ZERO);
    assertThat(s.timestampCombiner()).isEqualTo(TimestampCombiner.END_OF_WINDOW);
    assertThat(s.onTimeBehavior()).isEqualTo(OnTimeBehavior.FIRE_ALWAYS);
    assertThat(s.closingBehavior()).isEqualTo(ClosingBehavior.FIRE_IF_NON_EMPTY);
    assertThat(s.triggerSpecified()).isFalse();
    assertThat(s.alreadyMerged()).isFalse();
  }

  @Test
  void copyMethodsChangeOneThing() {
    WindowingStrategy s =
        WindowingStrategy.globalDefault()
            .withWindowFn(FIXED)
            .withTrigger(Repeatedly.forever(COUNT_2))
            .withMode(AccumulationMode.ACCUMULATING_FIRED_PANES)
            .withAllowedLateness(Duration.ofMinutes(5))
            .withTimestampCombiner(TimestampCombiner.EARLIEST)
            .withOnTimeBehavior(OnTimeBehavior.FIRE_IF_NON_EMPTY)
            .withClosingBehavior(ClosingBehavior.FIRE_ALWAYS);
    assertThat(s)
        .isEqualTo(
            new WindowingStrategy(
                FIXED, Repeatedly.forever(COUNT_2), AccumulationMode.ACCUMULATING_FIRED_PANES,
                Duration.ofMinutes(5), TimestampCombiner.EARLIEST, OnTimeBehavior.FIRE_IF_NON_EMPTY,
                ClosingBehavior.FIRE_ALWAYS, true, false));
    assertThat(s.withAllowedLateness(Duration.ofMinutes(1)).allowedLateness())
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(s.withAllowedLatenessAtLeast(Duration.ofMinutes(1)).allowedLateness())
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(s.withAllowedLatenessAtLeast(Duration.ofMinutes(9)).allowedLateness())
        .isEqualTo(Duration.ofMinutes(9));
    assertThatThrownBy(() -> s.withAllowedLateness(Duration.ofSeconds(-1)))
        .hasMessageContaining("must not be negative");
  }

  @Test
  void continuationKeepsTheWindowFnAndContinuesTheTrigger() {
    WindowingStrategy s =
        WindowingStrategy.globalDefault()
            .withWindowFn(FIXED)
            .withTrigger(Repeatedly.forever(AfterProcessingTime.pastFirstElementInPane()))
            .withAllowedLateness(Duration.ofMinutes(2))
            .withTimestampCombiner(TimestampCombiner.LATEST);
    WindowingStrategy c = s.continuation();
    assertThat(c.windowFn()).isEqualTo(FIXED);
    assertThat(c.trigger()).isEqualTo(Repeatedly.forever(new AfterSynchronizedProcessingTime()));
    assertThat(c.allowedLateness()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.timestampCombiner()).isEqualTo(TimestampCombiner.LATEST);
    assertThat(c.alreadyMerged()).isFalse();
    assertThat(c.needsMerging()).isFalse();
  }

  @Test
  void continuationOfMergingWindowsIsAlreadyMerged() {
    WindowingStrategy s =
        WindowingStrategy.globalDefault().withWindowFn(Sessions.withGapDuration(Duration.ofMinutes(1)));
    assertThat(s.needsMerging()).isTrue();
    WindowingStrategy c = s.continuation();
    assertThat(c.alreadyMerged()).isTrue();
    assertThat(c.needsMerging()).isFalse();
    assertThat(c.continuation().alreadyMerged()).isTrue();
    // A new Window.into(...) starts merging afresh.
    assertThat(c.withWindowFn(Sessions.withGapDuration(Duration.ofMinutes(2))).needsMerging())
        .isTrue();
  }

  @Test
  void unboundedGlobalWindowWithDefaultTriggerIsRejected() {
    WindowingStrategy s = WindowingStrategy.globalDefault();
    assertThatThrownBy(() -> s.validateForGrouping(true, "Count/GroupByKey"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("GroupByKey 'Count/GroupByKey'")
        .hasMessageContaining("unbounded collection in the global window with the default trigger")
        .hasMessageContaining("use Window.into(...) with a non-global window function")
        .hasMessageContaining("or set a trigger such as");
    assertThatCode(() -> s.validateForGrouping(false, "bounded")).doesNotThrowAnyException();
    assertThatCode(() -> s.withWindowFn(FIXED).validateForGrouping(true, "fixed"))
        .doesNotThrowAnyException();
    assertThatCode(
            () -> s.withTrigger(Repeatedly.forever(COUNT_2)).validateForGrouping(true, "counted"))
        .doesNotThrowAnyException();
  }

  static Stream<Arguments> safety() {
    Trigger eow = AfterWatermark.pastEndOfWindow();
    return Stream.of(
        // trigger, allowed lateness (minutes), safe?
        Arguments.of(DefaultTrigger.of(), 5, true),
        Arguments.of(Never.ever(), 5, true),
        Arguments.of(Repeatedly.forever(COUNT_2), 5, true),
        Arguments.of(eow, 0, true),
        Arguments.of(eow, 5, false),
        Arguments.of(AfterWatermark.pastEndOfWindow().withEarlyFirings(COUNT_2), 0, true),
        Arguments.of(AfterWatermark.pastEndOfWindow().withEarlyFirings(COUNT_2), 5, false),
        Arguments.of(AfterWatermark.pastEndOfWindow().withLateFirings(COUNT_2), 5, true),
        Arguments.of(COUNT_2, 0, false),
        Arguments.of(AfterProcessingTime.pastFirstElementInPane(), 0, false),
        Arguments.of(AfterEach.inOrder(COUNT_2, eow), 0, false),
        Arguments.of(AfterFirst.of(COUNT_2, eow), 0, false),
        Arguments.of(Repeatedly.forever(COUNT_2).orFinally(eow), 0, false),
        Arguments.of(Repeatedly.forever(COUNT_2).orFinally(Never.ever()), 0, true));
  }

  @ParameterizedTest(name = "{0}, lateness {1} min: safe = {2}")
  @MethodSource("safety")
  void unsafeTopLevelTriggersAreRejected(Trigger trigger, int latenessMinutes, boolean safe) {
    WindowingStrategy s =
        WindowingStrategy.globalDefault()
            .withWindowFn(FIXED)
            .withTrigger(trigger)
            .withAllowedLateness(Duration.ofMinutes(latenessMinutes));
    assertThat(s.isTriggerSafe()).isEqualTo(safe);
    if (safe) {
      assertThatCode(() -> s.validateForGrouping(true, "step")).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> s.validateForGrouping(false, "Sum/GroupByKey"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("GroupByKey 'Sum/GroupByKey' has the unsafe trigger " + trigger)
          .hasMessageContaining("Repeatedly.forever(" + trigger + ")");
    }
  }

  @Test
  void repeatedEarlyFiringsAreRejectedAtGrouping() {
    WindowingStrategy s =
        WindowingStrategy.globalDefault()
            .withWindowFn(FIXED)
            .withTrigger(
                AfterWatermark.pastEndOfWindow().withEarlyFirings(Repeatedly.forever(COUNT_2)));
    assertThatThrownBy(() -> s.validateForGrouping(false, "g"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("GroupByKey 'g' has an invalid trigger")
        .hasMessageContaining("must be a trigger that fires at most once");
  }

  @Test
  void mergingWindowFnsAcceptEveryBuiltInTrigger() {
    WindowingStrategy s =
        WindowingStrategy.globalDefault()
            .withWindowFn(Sessions.withGapDuration(Duration.ofMinutes(1)))
            .withTrigger(
                AfterWatermark.pastEndOfWindow()
                    .withEarlyFirings(AfterProcessingTime.pastFirstElementInPane())
                    .withLateFirings(COUNT_2))
            .withAllowedLateness(Duration.ofMinutes(1));
    assertThatCode(() -> s.validateForGrouping(true, "sessions")).doesNotThrowAnyException();
  }
}
