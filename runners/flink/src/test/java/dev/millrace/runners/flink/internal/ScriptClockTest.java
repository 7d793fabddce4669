package dev.millrace.runners.flink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.coders.VarLongCoder;
import dev.millrace.testing.TestStream;
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.Timestamps;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The virtual clocks of a TestStream script: Flink watermarks stand for completed script steps,
 * and each step has the script's event-time watermark and processing time.
 */
class ScriptClockTest {
  private static final long START = 1_704_067_200_000L;

  /** Steps: 1 elements, 2 watermark START, 3 processing time, 4 elements, 5 watermark +60 s, 6 end. */
  static final FlinkClock.Script CLOCK = FlinkClock.script(
      TestStream.create(VarLongCoder.of())
          .withStartProcessingTime(Instant.ofEpochMilli(START))
          .addElements(TimestampedValue.of(1L, Instant.ofEpochMilli(START - 5)))
          .advanceWatermarkTo(Instant.ofEpochMilli(START))
          .advanceProcessingTime(Duration.ofSeconds(1))
          .addElements(TimestampedValue.of(2L, Instant.ofEpochMilli(START + 10)))
          .advanceWatermarkTo(Instant.ofEpochMilli(START + 60_000))
          .advanceWatermarkToInfinity(), 2, 128);

  @Test
  void stepWatermarksStandForTheScriptSteps() {
    long[] expected = {Timestamps.MIN, Timestamps.MIN, START, START, START, START + 60_000,
        Timestamps.MAX};
    for (int k = 0; k < expected.length; k++) {
      long flink = CLOCK.stepWatermark(k);
      assertThat(CLOCK.watermarkAt(k)).as("step %s", k).isEqualTo(expected[k]);
      assertThat(CLOCK.eventWatermark(flink)).as("step %s", k).isEqualTo(expected[k]);
      assertThat(CLOCK.completedStep(flink)).isEqualTo(k);
    }
    assertThat(CLOCK.completedStep(Long.MIN_VALUE)).isZero();
    assertThat(CLOCK.completedStep(Long.MAX_VALUE)).isEqualTo(CLOCK.lastStep() + 1);
    assertThat(CLOCK.watermarkAt(CLOCK.lastStep() + 1)).isEqualTo(Timestamps.MAX);
  }

  @Test
  void processingTimeAdvancesAtItsStepAndStopsAtTheEnd() {
    assertThat(CLOCK.processingTimeAt(0)).isEqualTo(START);
    assertThat(CLOCK.processingTimeAt(2)).isEqualTo(START);
    assertThat(CLOCK.processingTimeAt(3)).isEqualTo(START + 1_000);
    assertThat(CLOCK.processingTimeAt(CLOCK.lastStep() + 1)).isEqualTo(START + 1_000);
  }
}
