package dev.millrace.windowing.triggers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fires once a processing-time deadline has passed. The deadline starts at the processing time of
 * the first element in the pane and is moved by the {@linkplain TimestampTransform transforms}, in
 * order: {@code pastFirstElementInPane().plusDelayOf(1 min).alignedTo(5 min)}. A once-trigger; its
 * continuation is {@link AfterSynchronizedProcessingTime}.
 *
 * @param transforms the transforms applied to the first element's processing time, in order
 */
public record AfterProcessingTime(List<TimestampTransform> transforms) implements Trigger {

  /** Validates and copies the list. */
  public AfterProcessingTime {
    Objects.requireNonNull(transforms, "transforms");
    transforms = List.copyOf(transforms);
  }

  /** Fires once processing time passes the time the first element of the pane arrived. */
  public static AfterProcessingTime pastFirstElementInPane() {
    return new AfterProcessingTime(List.of());
  }

  /** This trigger with its deadline delayed by {@code delay} (non-negative). */
  public AfterProcessingTime plusDelayOf(Duration delay) {
    Objects.requireNonNull(delay, "plusDelayOf needs a delay, got null");
    return with(new Delay(delay.toMillis()));
  }

  /**
   * This trigger with its deadline rounded up to the next instant {@code offset + k * period}.
   */
  public AfterProcessingTime alignedTo(Duration period, Instant offset) {
    Objects.requireNonNull(period, "alignedTo needs a period, got null");
    Objects.requireNonNull(offset, "alignedTo needs an offset, got null");
    return with(new AlignTo(period.toMillis(), offset.toEpochMilli()));
  }

  /** This trigger with its deadline rounded up to the next multiple of {@code period}. */
  public AfterProcessingTime alignedTo(Duration period) {
    return alignedTo(period, Instant.EPOCH);
  }

  /** The deadline for a pane whose first element arrived at processing time {@code t}. */
  public long deadline(long firstElementProcessingTime) {
    long t = firstElementProcessingTime;
    for (TimestampTransform transform : transforms) {
      t = transform.apply(t);
    }
    return t;
  }

  private AfterProcessingTime with(TimestampTransform transform) {
    List<TimestampTransform> all = new ArrayList<>(transforms);
    all.add(transform);
    return new AfterProcessingTime(all);
  }

  @Override
  public Trigger continuation() {
    return new AfterSynchronizedProcessingTime();
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
    StringBuilder s = new StringBuilder("AfterProcessingTime.pastFirstElementInPane()");
    for (TimestampTransform transform : transforms) {
      s.append(transform);
    }
    return s.toString();
  }

  /** A step that moves a processing-time deadline. */
  public sealed interface TimestampTransform extends java.io.Serializable permits Delay, AlignTo {
    /** Moves the deadline {@code t}. */
    long apply(long t);
  }

  /**
   * Adds a fixed delay.
   *
   * @param millis the delay, non-negative
   */
  public record Delay(long millis) implements TimestampTransform {
    /** Validates the delay. */
    public Delay {
      if (millis < 0) {
        throw new IllegalArgumentException(
            "plusDelayOf needs a non-negative delay, got " + Duration.ofMillis(millis));
      }
    }

    @Override
    public long apply(long t) {
      return t + millis;
    }

    @Override
    public String toString() {
      return ".plusDelayOf(" + Duration.ofMillis(millis) + ")";
    }
  }

  /**
   * Rounds up to the first boundary {@code b >= t} with {@code (b - offset) mod period == 0}.
   *
   * @param periodMillis the period, positive
   * @param offsetMillis the instant (epoch millis) the boundaries are counted from
   */
  public record AlignTo(long periodMillis, long offsetMillis) implements TimestampTransform {
    /** Validates the period. */
    public AlignTo {
      if (periodMillis <= 0) {
        throw new IllegalArgumentException(
            "alignedTo needs a positive period, got " + Duration.ofMillis(periodMillis));
      }
    }

    @Override
    public long apply(long t) {
      long sinceBoundary = Math.floorMod(t - offsetMillis, periodMillis);
      return sinceBoundary == 0 ? t : t + (periodMillis - sinceBoundary);
    }

    @Override
    public String toString() {
      return ".alignedTo("
          + Duration.ofMillis(periodMillis)
          + ", "
          + Instant.ofEpochMilli(offsetMillis)
          + ")";
    }
  }
}
