package dev.millrace.sources;

import dev.millrace.coders.Coder;
import dev.millrace.coders.VarLongCoder;
import dev.millrace.options.PipelineOptions;
import dev.millrace.transforms.SerializableFunction;
import dev.millrace.windowing.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/** The bounded source of {@link CountingSource#bounded}: the values of [from, to). */
final class BoundedCountingSource extends BoundedSource<Long> {
  private static final long serialVersionUID = 1L;
  /** Bytes per element assumed for sizing. */
  static final long BYTES_PER_ELEMENT = 8;
  /** At most this many splits, whatever bundle size is asked for. */
  static final long MAX_SPLITS = 10_000;

  private final long from;
  private final long to;
  private final SerializableFunction<Long, Instant> timestampFn;

  BoundedCountingSource(long from, long to, SerializableFunction<Long, Instant> timestampFn) {
    this.from = from;
    this.to = to;
    this.timestampFn = timestampFn;
  }

  @Override
  public List<BoundedCountingSource> split(long desiredBundleSizeBytes, PipelineOptions options) {
    long count = to - from;
    long perSplit = Math.max(1, desiredBundleSizeBytes / BYTES_PER_ELEMENT);
    perSplit = Math.max(perSplit, count / MAX_SPLITS + (count % MAX_SPLITS == 0 ? 0 : 1));
    List<BoundedCountingSource> splits = new ArrayList<>();
    for (long start = from; start < to; start += Math.min(perSplit, to - start)) {
      splits.add(new BoundedCountingSource(start, start + Math.min(perSplit, to - start),
          timestampFn));
    }
    if (splits.isEmpty()) {
      splits.add(this);
    }
    return splits;
  }

  @Override
  public long getEstimatedSizeBytes(PipelineOptions options) {
    long count = to - from;
    return count > Long.MAX_VALUE / BYTES_PER_ELEMENT ? Long.MAX_VALUE : count * BYTES_PER_ELEMENT;
  }

  @Override
  public BoundedReader<Long> createReader(PipelineOptions options) {
    return new Reader();
  }

  @Override
  public Coder<Long> getOutputCoder() {
    return VarLongCoder.of();
  }

  @Override
  public String toString() {
    return "CountingSource[" + from + ", " + to + ")";
  }

  private final class Reader extends BoundedReader<Long> {
    private long current;
    private boolean available;
    private boolean started;

    @Override
    public boolean start() {
      started = true;
      current = from;
      available = current < to;
      return available;
    }

    @Override
    public boolean advance() {
      if (!started) {
        return start();
      }
      if (available) {
        current++;
        available = current < to;
      }
      return available;
    }

    @Override
    public Long getCurrent() {
      if (!available) {
        throw new NoSuchElementException(
            "no current element: start() and advance() must return true before getCurrent()");
      }
      return current;
    }

    @Override
    public long getCurrentTimestampMillis() {
      getCurrent();
      return timestampFn == null ? Timestamps.MIN : Timestamps.toMillis(timestampFn.apply(current));
    }

    @Override
    public Instant getCurrentTimestamp() {
      return Instant.ofEpochMilli(getCurrentTimestampMillis());
    }

    @Override
    public void close() {}
  }
}
