package dev.millrace.runners.flink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.coders.VarLongCoder;
import dev.millrace.testing.TestStream;
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.core.TimeDomain;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The virtual clocks of a TestStream script: Flink watermarks stand for script steps, and a time
 * an operator holds between two steps' watermarks travels downstream exactly (it decides which
 * elements are late there), timers fire as soon as a watermark passes them, and the records'
 * bundle numbers map back to their steps.
 */
class ScriptClockTest {
  private static final long START = 1_704_067_200_000L;

  /** Steps: 1 elements, 2 watermark START, 3 processing time, 4 elements, 5 watermark +60 s, 6 end. */
  private static final FlinkClock CLOCK = FlinkClock.script(
      TestStream.create(VarLongCoder.of())
          .withStartProcessingTime(Instant.ofEpochMilli(START))
          .addElements(TimestampedValue.of(1L, Instant.ofEpochMilli(START - 5)))
          .advanceWatermarkTo(Instant.ofEpochMilli(START))
          .advanceProcessingTime(Duration.ofSeconds(1))
          .addElements(TimestampedValue.of(2L, Instant.ofEpochMilli(START + 10)))
          .advanceWatermarkTo(Instant.ofEpochMilli(START + 60_000))
          .advanceWatermarkToInfinity());

  @Test
  void stepWatermarksStandForTheScriptSteps() {
    long[] expected = {Timestamps.MIN, Timestamps.MIN, START, START, START, START + 60_000,
        Timestamps.MAX};
    for (int k = 0; k < expected.length; k++) {
      long flink = CLOCK.stepWatermark(k);
      assertThat(CLOCK.eventWatermark(flink)).as("step %s", k).isEqualTo(expected[k]);
      assertThat(CLOCK.completedStep(flink)).isEqualTo(k);
    }
    assertThat(CLOCK.eventWatermark(Long.MIN_VALUE)).isEqualTo(Timestamps.MIN);
    assertThat(CLOCK.eventWatermark(Long.MAX_VALUE)).isEqualTo(Timestamps.MAX);
    assertThat(CLOCK.completedStep(Long.MAX_VALUE)).isEqualTo(CLOCK.lastStep() + 1);
    assertThat(CLOCK.bundleStep(1)).isEqualTo(1);
    assertThat(CLOCK.bundleStep(2)).isEqualTo(4);
    assertThat(CLOCK.bundleStep(3)).isEqualTo(-1);
  }

  @ParameterizedTest(name = "held at START + {0} ms")
  @ValueSource(longs = {-300L * 86_400_000, -1, 1, 10, 59_999, 60_000, 400L * 86_400_000})
  void aHeldOutputWatermarkIsForwardedExactly(long offset) {
    long held = START + offset;
    long input = CLOCK.stepWatermark(5);
    long flink = CLOCK.toFlink(held, input);
    assertThat(flink).isLessThanOrEqualTo(input);
    assertThat(CLOCK.eventWatermark(flink)).isEqualTo(Math.min(held, START + 60_000));
  }

  /** Within about a year of a step's watermark a held time is exact; farther, it rounds down. */
  @Test
  void heldTimesFarFromEveryStepRoundDown() {
    long held = (Timestamps.MIN + START) / 2;
    long flink = CLOCK.toFlink(held, CLOCK.stepWatermark(2));
    assertThat(CLOCK.eventWatermark(flink)).isLessThanOrEqualTo(held).isGreaterThan(Timestamps.MIN);
    assertThat(CLOCK.completedStep(flink)).isEqualTo(1);
  }

  @Test
  void heldWatermarksAreMonotone() {
    long input = CLOCK.stepWatermark(6);
    long previous = Long.MIN_VALUE;
    for (long t : new long[] {Timestamps.MIN, START - 1_000_000_000_000L, START - 5, START,
        START + 1, START + 59_999, START + 60_000, START + 60_001, Timestamps.MAX - 1}) {
      long flink = CLOCK.toFlink(t, input);
      assertThat(flink).as("held at %s", t).isGreaterThanOrEqualTo(previous);
      previous = flink;
    }
  }

  @ParameterizedTest(name = "event-time timer at START + {0} ms")
  @ValueSource(longs = {-10, -1, 0, 1, 59_998, 59_999, 60_000})
  void eventTimersFireOnceAWatermarkPassesThem(long offset) {
    long t = START + offset;
    long at = CLOCK.register(TimeDomain.EVENT_TIME, t).flinkTime();
    assertThat(CLOCK.eventWatermark(at)).isGreaterThan(t);
    assertThat(CLOCK.eventWatermark(at - 1)).isLessThanOrEqualTo(t);
  }

  @Test
  void processingTimersFireAtTheStepThatPassesThem() {
    FlinkClock.Registration r = CLOCK.register(TimeDomain.PROCESSING_TIME, START + 500);
    assertThat(r.flinkTime()).isEqualTo(CLOCK.stepWatermark(3));
    assertThat(CLOCK.register(TimeDomain.PROCESSING_TIME, START + 1_000)).isNull();
  }
}
