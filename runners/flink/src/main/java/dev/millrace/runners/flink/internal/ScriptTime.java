package dev.millrace.runners.flink.internal;

import dev.millrace.windowing.Timestamps;

/**
 * Under a script clock: the step an operator instance has reached and its clocks there (the
 * input watermark and the virtual processing time), read by its timers ({@link FlinkTimers}).
 */
final class ScriptTime {
  private long step;
  private long inputWatermark = Timestamps.MIN;
  private long processingTime;

  ScriptTime(FlinkClock.Script clock) {
    this.processingTime = clock.processingTimeAt(0);
  }

  /** Moves to {@code step}, whose clocks are {@code inputWatermark} and {@code processingTime}. */
  void advance(long step, long inputWatermark, long processingTime) {
    this.step = step;
    this.inputWatermark = Math.max(this.inputWatermark, inputWatermark);
    this.processingTime = Math.max(this.processingTime, processingTime);
  }

  long step() {
    return step;
  }

  long inputWatermark() {
    return inputWatermark;
  }

  long processingTime() {
    return processingTime;
  }
}
