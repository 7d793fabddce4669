package dev.millrace.windowing.triggers;

/**
 * The continuation of {@link AfterProcessingTime}: fires once the processing time of the grouping
 * has caught up with the synchronized processing time of the upstream panes, so that a downstream
 * grouping emits promptly after the upstream processing-time firings. A once-trigger; it is its own
 * continuation. Users do not normally write it.
 */
public record AfterSynchronizedProcessingTime() implements Trigger {
  @Override
  public Trigger continuation() {
    return this;
  }

  @Override
  public boolean mayFinish() {
    return true;
  }

  @Override
  public boolean isOnceTrigger() {
    return true;
  }

  @Override
  public String toString() {
    return "AfterSynchronizedProcessingTime.pastFirstElementInPane()";
  }
}
