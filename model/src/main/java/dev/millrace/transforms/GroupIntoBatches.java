package dev.millrace.transforms;

import com.google.common.base.Preconditions;
import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderException;
import dev.millrace.coders.CoderUtils;
import dev.millrace.coders.IterableCoder;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.transforms.state.BagState;
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
import java.util.ArrayList;
import java.util.List;

/**
 * Groups the values of each key (and window) into batches, built on per-key state and timers:
 * a batch is emitted as soon as it holds {@link #ofSize n} values, or when adding a value would
 * make it exceed {@link #ofByteSize the byte limit} (values weighed by their encoded size), or
 * {@link #withMaxBufferingDuration d} of processing time after its first value was buffered, and
 * in any case when the watermark passes the end of the window. Batches are never empty; a single
 * value larger than the byte limit forms a batch of its own.
 *
 * <pre>{@code
 * PCollection<KV<String, Iterable<Row>>> batches = rows
 *     .apply(GroupIntoBatches.<String, Row>ofSize(500)
 *         .withMaxBufferingDuration(Duration.ofSeconds(10)));
 * }</pre>
 *
 * <p>Buffered values hold the watermark at the earliest buffered timestamp, so batches emitted by
 * the end-of-window timer are not late. The input must be keyed with a deterministic key coder.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class GroupIntoBatches<K, V>
    extends PTransform<PCollection<KV<K, V>>, PCollection<KV<K, Iterable<V>>>> {
  private final long batchSize;
  private final long batchSizeBytes;
  private final Duration maxBufferingDuration;

  private GroupIntoBatches(long batchSize, long batchSizeBytes, Duration maxBufferingDuration) {
    super("GroupIntoBatches");
    this.batchSize = batchSize;
    this.batchSizeBytes = batchSizeBytes;
    this.maxBufferingDuration = maxBufferingDuration;
  }

  /** Batches of at most {@code batchSize} values. */
  public static <K, V> GroupIntoBatches<K, V> ofSize(long batchSize) {
    Preconditions.checkArgument(batchSize > 0, "the batch size must be positive, got %s",
        batchSize);
    return new GroupIntoBatches<>(batchSize, Long.MAX_VALUE, null);
  }

  /** Batches of at most {@code batchSizeBytes} bytes of encoded values. */
  public static <K, V> GroupIntoBatches<K, V> ofByteSize(long batchSizeBytes) {
    return new GroupIntoBatches<K, V>(Long.MAX_VALUE, Long.MAX_VALUE, null)
        .withByteSize(batchSizeBytes);
  }

  /** This transform also limiting batches to {@code batchSizeBytes} bytes of encoded values. */
  public GroupIntoBatches<K, V> withByteSize(long batchSizeBytes) {
    Preconditions.checkArgument(batchSizeBytes > 0, "the batch byte size must be positive, "
        + "got %s", batchSizeBytes);
    return new GroupIntoBatches<>(batchSize, batchSizeBytes, maxBufferingDuration);
  }

  /**
   * This transform also emitting a batch {@code duration} of processing time after its first
   * value was buffered, even if it is not full.
   */
  public GroupIntoBatches<K, V> withMaxBufferingDuration(Duration duration) {
    Preconditions.checkArgument(duration != null && duration.toMillis() > 0,
        "the maximum buffering duration must be positive, got %s", duration);
    return new GroupIntoBatches<>(batchSize, batchSizeBytes, duration);
  }

  @Override
  public PCollection<KV<K, Iterable<V>>> expand(PCollection<KV<K, V>> input) {
    KvCoder<K, V> kv = GroupByKey.kvCoderOf(input, input.getPipeline().currentStepName());
    return input
        .apply("BatchFn", ParDo.of(new BatchFn<>(
            kv.getValueCoder(), batchSize, batchSizeBytes, maxBufferingDuration)))
        .setCoder(KvCoder.of(kv.getKeyCoder(), IterableCoder.of(kv.getValueCoder())));
  }

  /** The stateful DoFn: a bag of buffered values, its count, byte size and earliest timestamp. */
  private static final class BatchFn<K, V> extends DoFn<KV<K, V>, KV<K, Iterable<V>>> {
    private final Coder<V> valueCoder;
    private final long batchSize;
    private final long batchSizeBytes;
    private final Duration maxBuffering;
    private final StateSpec<BagState<V>> batch;
    private final StateSpec<ValueState<Long>> count = StateSpecs.value(VarLongCoder.of());
    private final StateSpec<ValueState<Long>> bytes = StateSpecs.value(VarLongCoder.of());
    private final StateSpec<ValueState<Long>> earliest = StateSpecs.value(VarLongCoder.of());
    private final TimerSpec endOfWindow = TimerSpecs.timer(TimeDomain.EVENT_TIME);
    private final TimerSpec bufferingTimer = TimerSpecs.timer(TimeDomain.PROCESSING_TIME);

    BatchFn(Coder<V> valueCoder, long batchSize, long batchSizeBytes, Duration maxBuffering) {
      this.valueCoder = valueCoder;
      this.batchSize = batchSize;
      this.batchSizeBytes = batchSizeBytes;
      this.maxBuffering = maxBuffering;
      this.batch = StateSpecs.bag(valueCoder);
    }

    @Override
    public void processElement(ProcessContext c) throws CoderException {
      K key = c.element().getKey();
      V value = c.element().getValue();
      long weight = batchSizeBytes == Long.MAX_VALUE ? 0
          : CoderUtils.encodeToByteArray(valueCoder, value).length;
      long n = orZero(c.state(count).read());
      if (n > 0 && orZero(c.state(bytes).read()) + weight > batchSizeBytes) {
        flush(key, c);
        n = 0;
      }
      c.state(batch).add(value);
      c.state(count).write(++n);
      long size = orZero(c.state(bytes).read()) + weight;
      c.state(bytes).write(size);
      Long first = c.state(earliest).read();
      long min = first == null ? c.timestamp().toEpochMilli()
          : Math.min(first, c.timestamp().toEpochMilli());
      c.state(earliest).write(min);
      if (n == 1 && maxBuffering != null) {
        c.timer(bufferingTimer).offset(maxBuffering).setRelative();
      }
      c.timer(endOfWindow).withOutputTimestamp(Instant.ofEpochMilli(min))
          .set(c.window().maxTimestamp());
      if (n >= batchSize || size >= batchSizeBytes) {
        flush(key, c);
      }
    }

    @Override
    public void onTimer(OnTimerContext c) {
      List<V> values = drain(c.state(batch));
      if (!values.isEmpty()) {
        c.output(KV.of(c.key(), values));
      }
      c.state(count).clear();
      c.state(bytes).clear();
      c.state(earliest).clear();
      c.timer(endOfWindow).clear();
      c.timer(bufferingTimer).clear();
    }

    /** Emits the buffered batch at the element's timestamp and resets the buffer. */
    private void flush(K key, ProcessContext c) {
      c.output(KV.of(key, drain(c.state(batch))));
      c.state(count).clear();
      c.state(bytes).clear();
      c.state(earliest).clear();
      c.timer(endOfWindow).clear();
      c.timer(bufferingTimer).clear();
    }

    private static <V> List<V> drain(BagState<V> values) {
      List<V> list = new ArrayList<>();
      values.read().forEach(list::add);
      values.clear();
      return list;
    }

    private static long orZero(Long v) {
      return v == null ? 0 : v;
    }
  }
}
