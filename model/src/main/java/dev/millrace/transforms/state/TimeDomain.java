package dev.millrace.transforms.state;

/** The clock a {@link Timer} is set against. */
public enum TimeDomain {
  /**
   * Event time: the timer fires once the input watermark of the step passes the timer's time.
   * Timers of a key and window fire in timestamp order.
   */
  EVENT_TIME,
  /**
   * Processing time: the timer fires once the runner's processing-time clock passes the timer's
   * time (a virtual clock under {@code TestStream}).
   */
  PROCESSING_TIME
}
