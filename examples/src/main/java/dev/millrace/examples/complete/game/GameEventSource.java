package dev.millrace.examples.complete.game;

import com.google.common.base.Preconditions;
import dev.millrace.coders.Coder;
import dev.millrace.coders.RecordCoder;
import dev.millrace.options.PipelineOptions;
import dev.millrace.sources.BoundedReader;
import dev.millrace.sources.BoundedSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A bounded source of the events {@code [from, to)} of a {@link GameEventGenerator}, each
 * timestamped with its event time. It splits into index ranges; since every event is derived from
 * the seed and its index alone, the splits read exactly the events of the whole.
 */
public final class GameEventSource extends BoundedSource<GameEvent> {
  private static final long serialVersionUID = 1L;
  /** A rough size of one event, used to turn bundle sizes into event counts. */
  static final long BYTES_PER_EVENT = 48;

  private final GameEventGenerator generator;
  private final int from;
  private final int to;

  GameEventSource(GameEventGenerator generator, int from, int to) {
    Preconditions.checkPositionIndexes(from, to, generator.events());
    this.generator = generator;
    this.from = from;
    this.to = to;
  }

  @Override
  public List<GameEventSource> split(long desiredBundleSizeBytes, PipelineOptions options) {
    long perBundle = Math.max(1, desiredBundleSizeBytes / BYTES_PER_EVENT);
    List<GameEventSource> parts = new ArrayList<>();
    for (long start = from; start < to; start += perBundle) {
      parts.add(new GameEventSource(generator, (int) start, (int) Math.min(to, start + perBundle)));
    }
    if (parts.isEmpty()) {
      parts.add(this);
    }
    return parts;
  }

  @Override
  public long getEstimatedSizeBytes(PipelineOptions options) {
    return (to - from) * BYTES_PER_EVENT;
  }

  @Override
  public BoundedReader<GameEvent> createReader(PipelineOptions options) {
    return new Reader();
  }

  @Override
  public Coder<GameEvent> getOutputCoder() {
    return RecordCoder.of(GameEvent.class);
  }

  @Override
  public String toString() {
    return "GameEvents[" + from + ".." + to + ")";
  }

  private final class Reader extends BoundedReader<GameEvent> {
    private int next = from;
    private GameEvent current;

    @Override
    public boolean start() {
      return advance();
    }

    @Override
    public boolean advance() {
      if (next >= to) {
        current = null;
        return false;
      }
      current = generator.event(next++);
      return true;
    }

    @Override
    public GameEvent getCurrent() {
      if (current == null) {
        throw new NoSuchElementException("the reader is not positioned on an event");
      }
      return current;
    }

    @Override
    public Instant getCurrentTimestamp() {
      return getCurrent().timestamp();
    }

    @Override
    public long getCurrentTimestampMillis() {
      return getCurrent().timestampMillis();
    }

    @Override
    public void close() {}
  }
}
