package dev.millrace.sources;

import dev.millrace.windowing.Timestamps;
import java.io.IOException;
import java.time.Instant;
import java.util.NoSuchElementException;

/**
 * Reads one split of an {@link UnboundedSource}. A runner polls it from one thread:
 *
 * <pre>{@code
 * boolean available = reader.start();
 * while (reader.getWatermarkMillis() < Timestamps.MAX) {
 *   if (available) {
 *     emit(reader.getCurrent(), reader.getCurrentTimestampMillis());
 *   } else {
 *     backOff();                       // nothing right now; try again later
 *   }
 *   advanceWatermarkTo(reader.getWatermarkMillis());
 *   available = reader.advance();
 * }
 * }</pre>
 *
 * <p>Unlike a {@link BoundedReader}, {@code false} from {@link #start()} or {@link #advance()}
 * means "no element available right now", not "end of input": the runner calls {@link
 * #advance()} again later. Both must return promptly (they should not block waiting for data
 * for long). A reader signals that it is <b>finished for good</b> by reporting a watermark of
 * {@link Timestamps#MAX}; it should do so only after {@code advance()} (or {@code start()}) has
 * returned {@code false} for the last time, and from then on must keep returning {@code false}.
 * The runner then stops polling, takes a final checkpoint mark and closes the reader.
 *
 * <p>Subclasses implement the millisecond methods; the {@link Instant} variants are derived from
 * them.
 *
 * @param <T> the element type
 */
public abstract class UnboundedReader<T> implements AutoCloseable {
  private static final byte[] NO_ID = new byte[0];

  /**
   * Initialises the reader (connects, seeks to the checkpointed position) and moves to the first
   * element. Called once, before any other method.
   *
   * @return whether an element is available now
   */
  public abstract boolean start() throws IOException;

  /**
   * Moves to the next element.
   *
   * @return whether an element is available now; {@code false} does not end the input
   */
  public abstract boolean advance() throws IOException;

  /**
   * The current element: the one made available by the last {@code start()}/{@code advance()}
   * that returned true.
   *
   * @throws NoSuchElementException when the last such call returned false
   */
  public abstract T getCurrent() throws NoSuchElementException;

  /** The current element's event timestamp in epoch millis. */
  public abstract long getCurrentTimestampMillis() throws NoSuchElementException;

  /** The current element's event timestamp. */
  public Instant getCurrentTimestamp() throws NoSuchElementException {
    return Instant.ofEpochMilli(getCurrentTimestampMillis());
  }

  /**
   * The reader's watermark in epoch millis: a promise that the elements it returns from now on
   * have timestamps at or after it (elements before it are late data). {@link Timestamps#MIN}
   * when nothing is known, {@link Timestamps#MAX} when the reader is finished for good. It
   * should not decrease; runners ignore decreases. May be called at any time after {@link
   * #start()}, also when no element is available.
   */
  public abstract long getWatermarkMillis();

  /** {@link #getWatermarkMillis()} as an instant. */
  public Instant getWatermark() {
    return Instant.ofEpochMilli(getWatermarkMillis());
  }

  /**
   * A mark for the position right after the last element returned, from which a new reader
   * (created with {@link UnboundedSource#createReader}) continues. Taking a mark must not change
   * what this reader reads next. See {@link UnboundedSource} for the exactly-once contract.
   */
  public abstract UnboundedSource.CheckpointMark getCheckpointMark();

  /**
   * A unique id of the current record, used to drop duplicates when the source {@link
   * UnboundedSource#requiresDeduping() requires deduping} (which then must override this). The
   * default, an empty array, means "no id".
   */
  public byte[] getCurrentRecordId() throws NoSuchElementException {
    return NO_ID;
  }

  /** Releases the reader's resources. Checkpoint marks already taken stay valid. */
  @Override
  public abstract void close() throws IOException;
}
