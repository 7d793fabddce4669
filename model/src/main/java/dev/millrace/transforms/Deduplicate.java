package dev.millrace.transforms;

import com.google.common.base.Preconditions;
import dev.millrace.coders.BooleanCoder;
import dev.millrace.coders.Coder;
import dev.millrace.coders.KvCoder;
import dev.millrace.transforms.state.StateSpec;
import dev.millrace.transforms.state.StateSpecs;
import dev.millrace.transforms.state.TimeDomain;
import dev.millrace.transforms.state.TimerSpec;
import dev.millrace.transforms.state.TimerSpecs;
import dev.millrace.transforms.state.ValueState;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import java.time.Duration;
import java.time.Instant;

/**
 * Drops repeats: the first occurrence of a value (or key, or id) is emitted and every repeat
 * within a duration after it is dropped, per window. Built on per-key state and a timer that
 * forgets the value once the duration has passed — in processing time (the default; the duration
 * counts from when the first occurrence was processed) or in event time (from its timestamp,
 * capped at the end of its window). Defaults: 10 minutes of processing time.
 *
 * <pre>{@code
 * PCollection<String> unique = ids.apply(Deduplicate.<String>values()
 *     .withDuration(Duration.ofHours(1)).withTimeDomain(TimeDomain.EVENT_TIME));
 * PCollection<KV<String, Event>> firstPerKey = keyed.apply(Deduplicate.keyedValues());
 * PCollection<Event> byId = events.apply(
 *     Deduplicate.withRepresentativeValueFn(Event::id).withRepresentativeCoder(StringUtf8Coder.of()));
 * }</pre>
 *
 * <p>The values (keys, ids) must have a deterministic coder. The forgetting timer holds no
 * watermark, so deduplication does not delay downstream windows.
 */
public final class Deduplicate {
  /** The default duration repeats are dropped for. */
  public static final Duration DEFAULT_DURATION = Duration.ofMinutes(10);

  /** The default time domain of the duration. */
  public static final TimeDomain DEFAULT_TIME_DOMAIN = TimeDomain.PROCESSING_TIME;

  private Deduplicate() {}

  /** Deduplicates whole elements. */
  public static <T> Values<T> values() {
    return new Values<>(DEFAULT_DURATION, DEFAULT_TIME_DOMAIN);
  }

  /** Deduplicates key/value pairs by key, keeping the first value seen for each key. */
  public static <K, V> KeyedValues<K, V> keyedValues() {
    return new KeyedValues<>(DEFAULT_DURATION, DEFAULT_TIME_DOMAIN);
  }

  /** Deduplicates elements by the id {@code fn} computes (its coder set with the result's method). */
  public static <T, IdT> WithRepresentativeValues<T, IdT> withRepresentativeValueFn(
      SerializableFunction<T, IdT> fn) {
    Preconditions.checkNotNull(fn, "withRepresentativeValueFn(null)");
    return new WithRepresentativeValues<>(fn, null, DEFAULT_DURATION, DEFAULT_TIME_DOMAIN);
  }

  private static Duration checkDuration(Duration d) {
    Preconditions.checkArgument(d != null && d.toMillis() > 0,
        "the deduplication duration must be positive, got %s", d);
    return d;
  }

  /** {@link Deduplicate#values()}. */
  public static final class Values<T> extends PTransform<PCollection<T>, PCollection<T>> {
    private final Duration duration;
    private final TimeDomain domain;

    Values(Duration duration, TimeDomain domain) {
      super("Deduplicate.Values");
      this.duration = duration;
      this.domain = domain;
    }

    /** Drops repeats for {@code d} after the first occurrence. */
    public Values<T> withDuration(Duration d) {
      return new Values<>(checkDuration(d), domain);
    }

    /** Measures the duration in {@code d}. */
    public Values<T> withTimeDomain(TimeDomain d) {
      return new Values<>(duration, Preconditions.checkNotNull(d, "time domain"));
    }

    @Override
    public PCollection<T> expand(PCollection<T> input) {
      Coder<T> coder = input.getCoder();
      return input
          .apply("WithSelfKeys", ParDo.of(new SelfKey<T>()))
          .setCoder(KvCoder.of(coder, coder))
          .apply("DeduplicateKeys", new KeyedValues<T, T>(duration, domain))
          .apply("Values", ParDo.of(new TakeValue<T, T>()))
          .setCoder(coder);
    }
  }

  /** {@link Deduplicate#keyedValues()}. */
  public static final class KeyedValues<K, V>
      extends PTransform<PCollection<KV<K, V>>, PCollection<KV<K, V>>> {
    private final Duration duration;
    private final TimeDomain domain;

    KeyedValues(Duration duration, TimeDomain domain) {
      super("Deduplicate.KeyedValues");
      this.duration = duration;
      this.domain = domain;
    }

    /** Drops repeats for {@code d} after the first occurrence. */
    public KeyedValues<K, V> withDuration(Duration d) {
      return new KeyedValues<>(checkDuration(d), domain);
    }

    /** Measures the duration in {@code d}. */
    public KeyedValues<K, V> withTimeDomain(TimeDomain d) {
      return new KeyedValues<>(duration, Preconditions.checkNotNull(d, "time domain"));
    }

    @Override
    public PCollection<KV<K, V>> expand(PCollection<KV<K, V>> input) {
      return input.apply("DeduplicateFn", ParDo.of(new DeduplicateFn<K, V>(duration, domain)))
          .setCoder(input.getCoder());
    }
  }

  /** {@link Deduplicate#withRepresentativeValueFn}. */
  public static final class WithRepresentativeValues<T, IdT>
      extends PTransform<PCollection<T>, PCollection<T>> {
    private final SerializableFunction<T, IdT> fn;
    private final Coder<IdT> idCoder;
    private final Duration duration;
    private final TimeDomain domain;

    WithRepresentativeValues(
        SerializableFunction<T, IdT> fn, Coder<IdT> idCoder, Duration duration, TimeDomain domain) {
      super("Deduplicate.WithRepresentativeValues");
      this.fn = fn;
      this.idCoder = idCoder;
      this.duration = duration;
      this.domain = domain;
    }

    /** The (deterministic) coder of the ids. */
    public WithRepresentativeValues<T, IdT> withRepresentativeCoder(Coder<IdT> coder) {
      return new WithRepresentativeValues<>(fn, Preconditions.checkNotNull(coder, "coder"),
          duration, domain);
    }

    /** Drops repeats for {@code d} after the first occurrence. */
    public WithRepresentativeValues<T, IdT> withDuration(Duration d) {
      return new WithRepresentativeValues<>(fn, idCoder, checkDuration(d), domain);
    }

    /** Measures the duration in {@code d}. */
    public WithRepresentativeValues<T, IdT> withTimeDomain(TimeDomain d) {
      return new WithRepresentativeValues<>(fn, idCoder, duration,
          Preconditions.checkNotNull(d, "time domain"));
    }

    @Override
    public PCollection<T> expand(PCollection<T> input) {
      if (idCoder == null) {
        throw new IllegalStateException("Step '" + input.getPipeline().currentStepName()
            + "' deduplicates by a representative value but does not know how to encode it; "
            + "call .withRepresentativeCoder(coder) with a deterministic coder for the ids.");
      }
      Coder<T> coder = input.getCoder();
      return input
          .apply("WithIdKeys", ParDo.of(new IdKey<>(fn)))
          .setCoder(KvCoder.of(idCoder, coder))
          .apply("DeduplicateIds", new KeyedValues<IdT, T>(duration, domain))
          .apply("Values", ParDo.of(new TakeValue<IdT, T>()))
          .setCoder(coder);
    }
  }

  /** Emits the first element per key and forgets the key when the expiry timer fires. */
  private static final class DeduplicateFn<K, V> extends DoFn<KV<K, V>, KV<K, V>> {
    private final Duration duration;
    private final TimeDomain domain;
    private final StateSpec<ValueState<Boolean>> seen = StateSpecs.value(BooleanCoder.of());
    private final TimerSpec expiry;

    DeduplicateFn(Duration duration, TimeDomain domain) {
      this.duration = duration;
      this.domain = domain;
      this.expiry = TimerSpecs.timer(domain);
    }

    @Override
    public void processElement(ProcessContext c) {
      ValueState<Boolean> s = c.state(seen);
      if (s.read() != null) {
        return;
      }
      s.write(true);
      c.output(c.element());
      if (domain == TimeDomain.EVENT_TIME) {
        Instant end = c.timestamp().plus(duration);
        Instant max = c.window().maxTimestamp();
        c.timer(expiry).withNoOutputTimestamp().set(end.isAfter(max) ? max : end);
      } else {
        c.timer(expiry).withNoOutputTimestamp().offset(duration).setRelative();
      }
    }

    @Override
    public void onTimer(OnTimerContext c) {
      c.state(seen).clear();
    }
  }

  private static final class SelfKey<T> extends DoFn<T, KV<T, T>> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(KV.of(c.element(), c.element()));
    }
  }

  private static final class IdKey<T, IdT> extends DoFn<T, KV<IdT, T>> {
    private final SerializableFunction<T, IdT> fn;

    IdKey(SerializableFunction<T, IdT> fn) {
      this.fn = fn;
    }

    @Override
    public void processElement(ProcessContext c) {
      c.output(KV.of(fn.apply(c.element()), c.element()));
    }
  }

  private static final class TakeValue<K, V> extends DoFn<KV<K, V>, V> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element().getValue());
    }
  }
}
