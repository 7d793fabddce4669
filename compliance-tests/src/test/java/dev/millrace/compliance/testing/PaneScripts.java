package dev.millrace.compliance.testing;

import dev.millrace.coders.KvCoder;
import dev.millrace.coders.StringUtf8Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.testing.TestStream;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.ParDo;
import dev.millrace.transforms.Sum;
import dev.millrace.transforms.Window;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.FixedWindows;
import dev.millrace.windowing.IntervalWindow;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.AfterWatermark;
import java.time.Duration;
import java.time.Instant;

/**
 * The scripted inputs of the pane-aware PAssert tests: keyed longs with timestamps in seconds,
 * one-minute fixed windows, and the two ways of summing them per key and pane (a {@code Combine}
 * and a {@code GroupByKey} followed by a summing DoFn).
 */
final class PaneScripts {
  private PaneScripts() {}

  /** The window [0s, 60s). */
  static final IntervalWindow W0 = new IntervalWindow(t(0), t(60));
  /** The window [60s, 120s). */
  static final IntervalWindow W1 = new IntervalWindow(t(60), t(120));
  /** The window [120s, 180s), which no script puts an element in. */
  static final IntervalWindow W2 = new IntervalWindow(t(120), t(180));

  static Instant t(long seconds) {
    return Instant.ofEpochSecond(seconds);
  }

  /** {@code KV("k", value)} at {@code seconds}. */
  static TimestampedValue<KV<String, Long>> at(long value, long seconds) {
    return TimestampedValue.of(KV.of("k", value), t(seconds));
  }

  static KV<String, Long> k(long sum) {
    return KV.of("k", sum);
  }

  static TestStream<KV<String, Long>> stream() {
    return TestStream.create(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
  }

  static Window<KV<String, Long>> minutes() {
    return Window.into(FixedWindows.of(Duration.ofMinutes(1)));
  }

  /**
   * Early firings after every 2 elements, late firings after every element, 5 minutes of allowed
   * lateness.
   */
  static Window<KV<String, Long>> earlyAndLate() {
    return minutes().triggering(AfterWatermark.pastEndOfWindow()
            .withEarlyFirings(AfterPane.elementCountAtLeast(2))
            .withLateFirings(AfterPane.elementCountAtLeast(1)))
        .withAllowedLateness(Duration.ofMinutes(5));
  }

  /**
   * In W0: 1@10 and 2@20 (an early pane), 3@30, the watermark passes 60 (the on-time pane), 4@40
   * (late, a late pane). In W1: 10@70, on time when the watermark goes to infinity.
   */
  static TestStream<KV<String, Long>> earlyOnTimeAndLate() {
    return stream().addElements(at(1, 10)).addElements(at(2, 20)).addElements(at(3, 30))
        .addElements(at(10, 70)).advanceWatermarkTo(t(60)).addElements(at(4, 40))
        .advanceWatermarkToInfinity();
  }

  /** Sums each key's values per window and pane with {@code Sum.longsPerKey()}. */
  static PCollection<KV<String, Long>> combine(PCollection<KV<String, Long>> in) {
    return in.apply(Sum.longsPerKey());
  }

  /** Sums each key's values per window and pane with a GroupByKey and a DoFn. */
  static PCollection<KV<String, Long>> groupAndSum(PCollection<KV<String, Long>> in) {
    return in.apply(GroupByKey.create()).apply(ParDo.of(new SumValues()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
  }

  /** Sums a grouped pane's values. */
  static final class SumValues extends DoFn<KV<String, Iterable<Long>>, KV<String, Long>> {
    private static final long serialVersionUID = 1L;

    @Override
    public void processElement(ProcessContext c) {
      long sum = 0;
      for (long v : c.element().getValue()) {
        sum += v;
      }
      c.output(KV.of(c.element().getKey(), sum));
    }
  }
}
