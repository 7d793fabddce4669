package dev.millrace.transforms;

import dev.millrace.coders.KvCoder;
import dev.millrace.coders.VarIntCoder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.AccumulationMode;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowingStrategy;
import dev.millrace.windowing.triggers.AfterPane;
import dev.millrace.windowing.triggers.DefaultTrigger;
import dev.millrace.windowing.triggers.Repeatedly;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Redistributes elements between workers through a shuffle, without changing them: a fusion
 * break that lets the steps after it run with different parallelism than the steps before, and
 * that checkpoints its input on runners that persist shuffles.
 *
 * <ul>
 *   <li>{@link #of()} shuffles {@code KV}s by their key;
 *   <li>{@link #viaRandomKey()} shuffles any elements under random keys.
 * </ul>
 *
 * <p>The output holds the same elements with the same timestamps and windows, and the input's
 * windowing strategy. How it works: each value is paired with its timestamp; unless the input is
 * bounded with the default trigger (which fires once per window with every element), the
 * collection is re-triggered to fire after every element in discarding mode, so that no element
 * is repeated or held back whatever the input's trigger was; it is grouped by key, every value is
 * output again at its original timestamp, and the original windowing strategy is restored. Like any grouping
 * it drops data that is later than the allowed lateness, and for merging windows (sessions) the
 * elements come out in the merged windows. Element panes are those of the shuffle's firings.
 */
public final class Reshuffle {
  private Reshuffle() {}

  /** Shuffles pairs by key. */
  public static <K, V> PTransform<PCollection<KV<K, V>>, PCollection<KV<K, V>>> of() {
    return new ByKey<>();
  }

  /** Shuffles elements under random keys. */
  public static <T> PTransform<PCollection<T>, PCollection<T>> viaRandomKey() {
    return new ViaRandomKey<>();
  }

  /** {@link Reshuffle#of()}. */
  private static final class ByKey<K, V>
      extends PTransform<PCollection<KV<K, V>>, PCollection<KV<K, V>>> {
    ByKey() {
      super("Reshuffle");
    }

    @Override
    public PCollection<KV<K, V>> expand(PCollection<KV<K, V>> input) {
      KvCoder<K, V> coder = Composites.kvCoderOf(input);
      WindowingStrategy original = input.getWindowingStrategy();
      PCollection<KV<K, KV<Long, V>>> reified =
          input.apply("ReifyTimestamps", ParDo.of(new ReifyFn<K, V>()));
      reified.setCoder(KvCoder.of(coder.getKeyCoder(),
          KvCoder.of(VarLongCoder.of(), coder.getValueCoder())));
      boolean retrigger = needsRetrigger(input);
      if (retrigger) {
        WindowingStrategy shuffle = original
            .withTrigger(Repeatedly.forever(AfterPane.elementCountAtLeast(1)))
            .withMode(AccumulationMode.DISCARDING_FIRED_PANES);
        reified = reified.apply("FireEveryElement",
            new Window.Assign<>(Window.<KV<K, KV<Long, V>>>configure(), shuffle));
      }
      PCollection<KV<K, V>> restored = reified
          .apply("GroupByKey", GroupByKey.create())
          .apply("ExpandIterable", ParDo.of(new RestoreFn<K, V>()));
      restored.setCoder(coder);
      return restored.apply("RestoreWindowingStrategy",
          new Window.Assign<>(Window.<KV<K, V>>configure(), original));
    }
  }

  /**
   * Whether the grouping needs the fire-on-every-element trigger: not for a bounded input with
   * the default trigger, which fires exactly once per window with every element.
   */
  private static boolean needsRetrigger(PCollection<?> input) {
    return input.isBounded() == PCollection.IsBounded.UNBOUNDED
        || !(input.getWindowingStrategy().trigger() instanceof DefaultTrigger);
  }

  /** {@link Reshuffle#viaRandomKey()}. */
  private static final class ViaRandomKey<T> extends PTransform<PCollection<T>, PCollection<T>> {
    ViaRandomKey() {
      super("Reshuffle.ViaRandomKey");
    }

    @Override
    public PCollection<T> expand(PCollection<T> input) {
      PCollection<KV<Integer, T>> keyed = input.apply("AddRandomKeys", ParDo.of(new RandomKeyFn<T>()));
      keyed.setCoder(KvCoder.of(VarIntCoder.of(), input.getCoder()));
      return keyed
          .apply("Reshuffle", Reshuffle.<Integer, T>of())
          .apply("Values", Values.<T>create());
    }
  }

  /** Pairs each value with its timestamp. */
  private static final class ReifyFn<K, V> extends DoFn<KV<K, V>, KV<K, KV<Long, V>>> {
    @Override
    public void processElement(ProcessContext c) {
      KV<K, V> kv = c.element();
      c.output(KV.of(kv.getKey(), KV.of(c.timestamp().toEpochMilli(), kv.getValue())));
    }
  }

  /** Outputs every grouped value again, at its original timestamp. */
  private static final class RestoreFn<K, V> extends DoFn<KV<K, Iterable<KV<Long, V>>>, KV<K, V>> {
    @Override
    public void processElement(ProcessContext c) {
      K key = c.element().getKey();
      for (KV<Long, V> tv : c.element().getValue()) {
        c.outputWithTimestamp(KV.of(key, tv.getValue()), Instant.ofEpochMilli(tv.getKey()));
      }
    }

    /** Any timestamp is allowed: the original timestamps precede the grouping's output time. */
    @Override
    public Duration getAllowedTimestampSkew() {
      return Duration.ofMillis(Timestamps.MAX - Timestamps.MIN);
    }
  }

  /** Keys each element with a random integer. */
  private static final class RandomKeyFn<T> extends DoFn<T, KV<Integer, T>> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(KV.of(ThreadLocalRandom.current().nextInt(), c.element()));
    }
  }
}
