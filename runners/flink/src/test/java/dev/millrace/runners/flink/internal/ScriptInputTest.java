package dev.millrace.runners.flink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.millrace.windowing.Timestamps;
import org.junit.jupiter.api.Test;

/**
 * What an operator input knows about each script step: which steps are complete (its Flink
 * watermark), and its watermark at each step (the script's, or the minimum of held senders'
 * markers); a bounded input is at the end of time from step 0 once it has ended.
 */
class ScriptInputTest {
  private static final long START = 1_704_067_200_000L;
  private static final FlinkClock.Script CLOCK = ScriptClockTest.CLOCK;

  @Test
  void withoutMarkersTheInputFollowsTheScript() {
    ScriptInput input = new ScriptInput(CLOCK, false);
    input.observeWatermark(CLOCK.stepWatermark(3));
    assertThat(input.completed()).isEqualTo(3);
    assertThat(input.watermarkAt(1)).isEqualTo(Timestamps.MIN);
    assertThat(input.watermarkAt(2)).isEqualTo(START);
    input.observeWatermark(CLOCK.stepWatermark(2)); // older: ignored
    assertThat(input.completed()).isEqualTo(3);
  }

  @Test
  void theLowestMarkerOfAStepHoldsItsWatermark() {
    ScriptInput input = new ScriptInput(CLOCK, false);
    input.observeMarker(new ScriptMarker(5, START + 20, 0));
    input.observeMarker(new ScriptMarker(5, START + 10, 1));
    input.observeMarker(new ScriptMarker(6, START + 30, 0));
    input.observeWatermark(CLOCK.stepWatermark(5));
    assertThat(input.watermarkAt(4)).isEqualTo(START);
    assertThat(input.watermarkAt(5)).isEqualTo(START + 10);
    // A marker only speaks for its own step; step 6 is the end of the script.
    input.observeWatermark(Long.MAX_VALUE);
    assertThat(input.completed()).isEqualTo(CLOCK.lastStep() + 1);
    assertThat(input.watermarkAt(6)).isEqualTo(START + 30);
    assertThat(input.watermarkAt(7)).isEqualTo(Timestamps.MAX);
  }

  @Test
  void theWatermarkNeverMovesBack() {
    ScriptInput input = new ScriptInput(CLOCK, false);
    assertThat(input.watermarkAt(2)).isEqualTo(START);
    input.observeMarker(new ScriptMarker(3, START - 100, 0));
    assertThat(input.watermarkAt(3)).isEqualTo(START);
  }

  @Test
  void anEndedBoundedInputIsAtTheEndOfTimeFromTheFirstStep() {
    ScriptInput bounded = new ScriptInput(CLOCK, true);
    ScriptInput scripted = new ScriptInput(CLOCK, false);
    bounded.observeWatermark(Long.MAX_VALUE);
    scripted.observeWatermark(Long.MAX_VALUE);
    assertThat(bounded.watermarkAt(1)).isEqualTo(Timestamps.MAX);
    assertThat(scripted.watermarkAt(1)).isEqualTo(Timestamps.MIN);
    assertThat(scripted.watermarkAt(CLOCK.lastStep() + 1)).isEqualTo(Timestamps.MAX);
  }
}
