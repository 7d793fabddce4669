package dev.millrace.testing;

import com.google.common.base.Preconditions;
import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderUtils;
import dev.millrace.values.PBegin;
import dev.millrace.values.PCollection;
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowingStrategy;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A scripted, unbounded source for tests: elements, watermark advances and processing-time
 * advances, in order. Runners execute it deterministically: every element of one
 * {@code addElements} arrives in one bundle, each event is fully processed (triggers evaluated,
 * due timers fired) before the next, and processing time is a virtual clock that only moves with
 * {@code advanceProcessingTime}.
 *
 * <pre>{@code
 * TestStream<String> events = TestStream.create(StringUtf8Coder.of())
 *     .addElements(TimestampedValue.of("a", t1), TimestampedValue.of("b", t2))
 *     .advanceWatermarkTo(t3)
 *     .advanceProcessingTime(Duration.ofMinutes(1))
 *     .addElements(TimestampedValue.of("late", t1))
 *     .advanceWatermarkToInfinity();
 * PCollection<String> input = p.apply(events);
 * }</pre>
 *
 * <p>The builder is immutable: each call returns a new TestStream. Watermarks never move back;
 * after the watermark reaches infinity nothing may be added. Elements given without a timestamp
 * are at the beginning of time. When the script does not end at infinity, the runner advances
 * the watermark to infinity after the last event.
 *
 * @param <T> the element type
 */
public final class TestStream<T> extends dev.millrace.transforms.PTransform<PBegin, PCollection<T>>
    implements Serializable {

  /** One scripted event. */
  public sealed interface Event<T> extends Serializable
      permits ElementEvent, WatermarkEvent, ProcessingTimeEvent {}

  /**
   * Elements arriving together (encoded, so the event is serialisable).
   *
   * @param encoded the encoded values
   * @param timestamps their timestamps in epoch millis
   */
  public record ElementEvent<T>(List<byte[]> encoded, long[] timestamps) implements Event<T> {}

  /** The watermark advancing to an instant (epoch millis; {@link Timestamps#MAX} ends input). */
  public record WatermarkEvent<T>(long watermark) implements Event<T> {}

  /** Processing time advancing by a positive amount of milliseconds. */
  public record ProcessingTimeEvent<T>(long advanceMillis) implements Event<T> {}

  private final Coder<T> coder;
  private final List<Event<T>> events;
  private final long startProcessingTime;
  private final long currentWatermark;

  private TestStream(Coder<T> coder, List<Event<T>> events, long startProcessingTime, long wm) {
    super("TestStream");
    this.coder = coder;
    this.events = List.copyOf(events);
    this.startProcessingTime = startProcessingTime;
    this.currentWatermark = wm;
  }

  /** An empty script for elements of the given coder. */
  public static <T> TestStream<T> create(Coder<T> coder) {
    return new TestStream<>(Preconditions.checkNotNull(coder), List.of(), 0, Timestamps.MIN);
  }

  /** Starts the virtual processing-time clock at the given instant (the epoch by default). */
  public TestStream<T> withStartProcessingTime(Instant start) {
    Preconditions.checkState(events.isEmpty(), "set the start processing time before any event");
    return new TestStream<>(coder, events, start.toEpochMilli(), currentWatermark);
  }

  /** Elements at the beginning of time, arriving together. */
  @SafeVarargs
  public final TestStream<T> addElements(T first, T... rest) {
    List<TimestampedValue<T>> all = new ArrayList<>();
    all.add(TimestampedValue.of(first, Timestamps.MIN_INSTANT));
    for (T t : rest) {
      all.add(TimestampedValue.of(t, Timestamps.MIN_INSTANT));
    }
    return addElements(all);
  }

  /** Timestamped elements, arriving together. */
  @SafeVarargs
  public final TestStream<T> addElements(TimestampedValue<T> first, TimestampedValue<T>... rest) {
    List<TimestampedValue<T>> all = new ArrayList<>();
    all.add(first);
    all.addAll(List.of(rest));
    return addElements(all);
  }

  /** Timestamped elements, arriving together. */
  public TestStream<T> addElements(List<TimestampedValue<T>> values) {
    checkOpen();
    Preconditions.checkArgument(!values.isEmpty(), "addElements needs at least one element");
    List<byte[]> encoded = new ArrayList<>();
    long[] ts = new long[values.size()];
    for (int i = 0; i < values.size(); i++) {
      TimestampedValue<T> v = values.get(i);
      long t = Timestamps.toMillis(v.timestamp());
      Preconditions.checkArgument(
          t < Timestamps.MAX, "an element at the end of time (%s) can never be processed", v);
      ts[i] = t;
      try {
        encoded.add(CoderUtils.encodeToByteArray(coder, v.value()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return with(new ElementEvent<>(encoded, ts), currentWatermark);
  }

  /** Advances the watermark; it must not move backwards. */
  public TestStream<T> advanceWatermarkTo(Instant watermark) {
    checkOpen();
    long wm = Timestamps.toMillis(watermark);
    Preconditions.checkArgument(
        wm >= currentWatermark,
        "the watermark must not move backwards: from %s to %s",
        Timestamps.format(currentWatermark), watermark);
    if (wm == currentWatermark) {
      return this;
    }
    return with(new WatermarkEvent<>(wm), wm);
  }

  /** Advances the watermark to the end of time: no more input. */
  public TestStream<T> advanceWatermarkToInfinity() {
    return advanceWatermarkTo(Timestamps.MAX_INSTANT);
  }

  /** Advances the virtual processing-time clock by a positive amount. */
  public TestStream<T> advanceProcessingTime(Duration amount) {
    checkOpen();
    Preconditions.checkArgument(
        !amount.isNegative(), "processing time must not move backwards: %s", amount);
    if (amount.isZero()) {
      return this;
    }
    return with(new ProcessingTimeEvent<>(amount.toMillis()), currentWatermark);
  }

  private void checkOpen() {
    Preconditions.checkState(
        currentWatermark < Timestamps.MAX,
        "the watermark already reached the end of time; no event may follow");
  }

  private TestStream<T> with(Event<T> e, long wm) {
    List<Event<T>> all = new ArrayList<>(events);
    all.add(e);
    return new TestStream<>(coder, all, startProcessingTime, wm);
  }

  public List<Event<T>> getEvents() {
    return events;
  }

  public Coder<T> getCoder() {
    return coder;
  }

  /** The processing time (epoch millis) at which the virtual clock starts. */
  public long getStartProcessingTime() {
    return startProcessingTime;
  }

  /** Decodes the values of an element event. */
  public List<T> decode(ElementEvent<T> e) {
    List<T> out = new ArrayList<>();
    for (byte[] b : e.encoded()) {
      try {
        out.add(CoderUtils.decodeFromByteArray(coder, b));
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }
    return out;
  }

  @Override
  public PCollection<T> expand(PBegin input) {
    // Unbounded (data arrives over time, behind a moving watermark), but finite: the script
    // always ends with the watermark at the end of time.
    return PCollection.createPrimitiveOutputInternal(
            input.getPipeline(), WindowingStrategy.globalDefault(), PCollection.IsBounded.UNBOUNDED,
            coder)
        .markFiniteInternal(true);
  }
}
