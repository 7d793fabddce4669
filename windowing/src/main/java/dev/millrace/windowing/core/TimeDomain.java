package dev.millrace.windowing.core;

/** The clock a timer is set against. */
public enum TimeDomain {
  /** The input watermark of the computation: fires once the watermark is past the timer. */
  EVENT_TIME,
  /** The processing-time clock of the runner: fires once processing time is past the timer. */
  PROCESSING_TIME
}
