package dev.millrace.sources;

import dev.millrace.windowing.Timestamps;
import java.io.IOException;
import java.time.Instant;
import java.util.NoSuchElementException;

/**
 * Reads the elements of one {@link BoundedSource} in order:
 *
 * <pre>{@code
 * for (boolean more = reader.start(); more; more = reader.advance()) {
 *   T element = reader.getCurrent();
 * }
 * }</pre>
 *
 * @param <T> the element type
 */
public abstract class BoundedReader<T> implements AutoCloseable {
  /** Moves to the first element; false when there is none. */
  public abstract boolean start() throws IOException;

  /** Moves to the next element; false at the end. */
  public abstract boolean advance() throws IOException;

  /**
   * The current element.
   *
   * @throws NoSuchElementException before {@link #start()} or after the end
   */
  public abstract T getCurrent() throws NoSuchElementException;

  /** The current element's event timestamp; the beginning of time unless the source knows it. */
  public Instant getCurrentTimestamp() {
    return Timestamps.MIN_INSTANT;
  }

  /** The current element's timestamp in epoch millis (override for speed). */
  public long getCurrentTimestampMillis() {
    return Timestamps.toMillis(getCurrentTimestamp());
  }

  @Override
  public abstract void close() throws IOException;
}
