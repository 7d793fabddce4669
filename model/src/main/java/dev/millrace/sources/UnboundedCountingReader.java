package dev.millrace.sources;

import dev.millrace.windowing.Timestamps;
import java.nio.ByteBuffer;
import java.util.NoSuchElementException;

/** The reader of an {@link UnboundedCountingSource} split; see there for its behaviour. */
final class UnboundedCountingReader extends UnboundedReader<Long> {
  private static final long NOT_STARTED = Long.MIN_VALUE;

  private final UnboundedCountingSource source;
  private final WatermarkEstimator watermark = WatermarkEstimators.monotonic();
  private long next;
  private long startMillis;
  private long current;
  private long currentTimestamp;
  private boolean available;
  private boolean finished;

  UnboundedCountingReader(UnboundedCountingSource source, UnboundedCountingSource.CounterMark mark) {
    this.source = source;
    if (mark == null) {
      next = source.from;
      startMillis = NOT_STARTED;
    } else {
      next = mark.nextValue();
      startMillis = mark.startMillis();
      watermark.restore(mark.watermarkState());
    }
  }

  @Override
  public boolean start() {
    if (startMillis == NOT_STARTED) {
      startMillis = source.clock.millis();
    }
    return advance();
  }

  @Override
  public boolean advance() {
    available = false;
    if (finished) {
      return false;
    }
    long now = source.clock.millis();
    if (next >= source.to || readTimeExpired(now)) {
      finished = true;
      return false;
    }
    if (!rateAllows(now)) {
      return false;
    }
    current = next;
    currentTimestamp = source.timestampFn == null
        ? now : Timestamps.toMillis(source.timestampFn.apply(current));
    watermark.observeTimestamp(currentTimestamp);
    next = source.to - next > source.stride ? next + source.stride : source.to;
    available = true;
    return true;
  }

  private boolean readTimeExpired(long now) {
    return source.maxReadTimeMillis >= 0 && now - startMillis >= source.maxReadTimeMillis;
  }

  /** Element k (0-based in this split) is due at start + k * period / count. */
  private boolean rateAllows(long now) {
    if (source.elementsPerPeriod == 0) {
      return true;
    }
    long emitted = (next - source.from) / source.stride;
    long due = saturatedMultiply(emitted, source.periodMillis);
    long allowed = saturatedMultiply(Math.max(0, now - startMillis), source.elementsPerPeriod);
    return due <= allowed;
  }

  private static long saturatedMultiply(long a, long b) {
    long high = Math.multiplyHigh(a, b);
    long low = a * b;
    return (high == 0 && low >= 0) ? low : Long.MAX_VALUE;
  }

  @Override
  public Long getCurrent() {
    checkAvailable();
    return current;
  }

  @Override
  public long getCurrentTimestampMillis() {
    checkAvailable();
    return currentTimestamp;
  }

  private void checkAvailable() {
    if (!available) {
      throw new NoSuchElementException(
          "no current element: the last start()/advance() of " + source + " returned false");
    }
  }

  @Override
  public long getWatermarkMillis() {
    return finished ? Timestamps.MAX : watermark.currentWatermark(source.clock.millis());
  }

  @Override
  public UnboundedCountingSource.CounterMark getCheckpointMark() {
    return new UnboundedCountingSource.CounterMark(next, startMillis, watermark.state());
  }

  @Override
  public byte[] getCurrentRecordId() {
    checkAvailable();
    return ByteBuffer.allocate(Long.BYTES).putLong(current).array();
  }

  @Override
  public void close() {}
}
