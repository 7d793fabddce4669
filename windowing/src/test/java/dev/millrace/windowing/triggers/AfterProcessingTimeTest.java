package dev.millrace.windowing.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AfterProcessingTimeTest {
  private static final AfterProcessingTime FIRST = AfterProcessingTime.pastFirstElementInPane();

  static Stream<Arguments> deadlines() {
    return Stream.of(
        // trigger, first element's processing time, deadline
        Arguments.of(FIRST, 1234L, 1234L),
        Arguments.of(FIRST.plusDelayOf(Duration.ofMillis(100)), 1234L, 1334L),
        Arguments.of(FIRST.plusDelayOf(Duration.ZERO), 5L, 5L),
        Arguments.of(FIRST.alignedTo(Duration.ofMillis(100)), 1234L, 1300L),
        Arguments.of(FIRST.alignedTo(Duration.ofMillis(100)), 1300L, 1300L),
        Arguments.of(FIRST.alignedTo(Duration.ofMillis(100)), 1301L, 1400L),
        Arguments.of(FIRST.alignedTo(Duration.ofMillis(100)), -150L, -100L),
        Arguments.of(FIRST.alignedTo(Duration.ofMillis(100)), -100L, -100L),
        Arguments.of(FIRST.alignedTo(Duration.ofMillis(100), Instant.ofEpochMilli(30)), 1234L, 1330L),
        Arguments.of(FIRST.alignedTo(Duration.ofMillis(100), Instant.ofEpochMilli(30)), 1230L, 1230L),
        Arguments.of(FIRST.alignedTo(Duration.ofMillis(100), Instant.ofEpochMilli(-70)), 1234L, 1330L),
        Arguments.of(FIRST.alignedTo(Duration.ofMillis(100), Instant.ofEpochMilli(5030)), 1234L, 1330L),
        Arguments.of(FIRST.alignedTo(Duration.ofMillis(100), Instant.ofEpochMilli(30)), -95L, -70L),
        // Transforms apply in order: delay then align differs from align then delay.
        Arguments.of(FIRST.plusDelayOf(Duration.ofMillis(50)).alignedTo(Duration.ofMillis(100)), 1260L, 1400L),
        Arguments.of(FIRST.alignedTo(Duration.ofMillis(100)).plusDelayOf(Duration.ofMillis(50)), 1260L, 1350L));
  }

  @ParameterizedTest(name = "{0} at {1} -> {2}")
  @MethodSource("deadlines")
  void deadlineAppliesTheTransformsInOrder(AfterProcessingTime trigger, long first, long deadline) {
    assertThat(trigger.deadline(first)).isEqualTo(deadline);
  }
}
