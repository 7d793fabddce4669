package dev.millrace.runners.flink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.coders.VarLongCoder;
import dev.millrace.testing.TestStream;
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.Timestamps;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The watermarks of one input labelled with script steps: a step's own watermark completes that
 * step; a time held between two steps' watermarks was forwarded at the later step or after, and
 * completes only the earlier one; the end of a bounded input counts from step 0, the end of the script's data after it.
 */
class StepTrailTest {
  /** Steps: 1 elements, 2 watermark 100, 3 elements, 4 watermark 200, 5 end of time. */
  private static final FlinkClock CLOCK = FlinkClock.script(
      TestStream.create(VarLongCoder.of())
          .addElements(TimestampedValue.of(1L, Instant.ofEpochMilli(50)))
          .advanceWatermarkTo(Instant.ofEpochMilli(100))
          .addElements(TimestampedValue.of(2L, Instant.ofEpochMilli(150)))
          .advanceWatermarkTo(Instant.ofEpochMilli(200))
          .advanceWatermarkToInfinity());

  @Test
  void stepWatermarksCompleteTheirStep() {
    StepTrail trail = new StepTrail(CLOCK, false);
    assertThat(trail.completed()).isZero();
    assertThat(trail.eventWatermark(1)).isEqualTo(Timestamps.MIN);
    trail.observe(CLOCK.stepWatermark(2));
    assertThat(trail.completed()).isEqualTo(2);
    assertThat(trail.eventWatermark(1)).isEqualTo(Timestamps.MIN);
    assertThat(trail.eventWatermark(2)).isEqualTo(100);
    assertThat(trail.flinkWatermark(2)).isEqualTo(CLOCK.stepWatermark(2));
  }

  @Test
  void aHeldTimeCompletesOnlyTheStepBeforeIt() {
    StepTrail trail = new StepTrail(CLOCK, false);
    trail.observe(CLOCK.stepWatermark(1));
    trail.observe(CLOCK.toFlink(120, CLOCK.stepWatermark(4)));
    assertThat(trail.completed()).isEqualTo(3);
    assertThat(trail.eventWatermark(3)).isEqualTo(Timestamps.MIN);
    assertThat(trail.eventWatermark(4)).isEqualTo(120);
    trail.forgetBefore(4);
    assertThat(trail.eventWatermark(4)).isEqualTo(120);
    trail.observe(CLOCK.stepWatermark(4));
    assertThat(trail.completed()).isEqualTo(4);
    assertThat(trail.eventWatermark(4)).isEqualTo(200);
  }

  @Test
  void theEndOfABoundedInputCountsFromTheFirstStep() {
    StepTrail bounded = new StepTrail(CLOCK, true);
    StepTrail scripted = new StepTrail(CLOCK, false);
    scripted.observe(CLOCK.stepWatermark(4));
    bounded.observe(Long.MAX_VALUE);
    scripted.observe(Long.MAX_VALUE);
    assertThat(bounded.completed()).isEqualTo(CLOCK.lastStep() + 1);
    assertThat(bounded.eventWatermark(1)).isEqualTo(Timestamps.MAX);
    assertThat(scripted.eventWatermark(4)).isEqualTo(200);
    assertThat(scripted.eventWatermark(CLOCK.lastStep() + 1)).isEqualTo(Timestamps.MAX);
  }
}
