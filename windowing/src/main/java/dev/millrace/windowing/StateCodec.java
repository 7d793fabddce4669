package dev.millrace.windowing;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;

/**
 * A compact binary encoding of a value held in windowing state (windows, pane infos, trigger
 * bookkeeping). Runners that keep state outside the heap (checkpoints, Flink keyed state) use it to
 * store the core's state; in-memory runners may never call it.
 *
 * <p>Implementations must be deterministic: equal values encode to equal bytes, and
 * {@code decode(encode(v))} equals {@code v}. See {@link StateCodecs} for the built-in codecs.
 *
 * @param <T> the type of the encoded value
 */
public interface StateCodec<T> extends Serializable {
  /** Writes {@code value} to {@code out}. */
  void encode(T value, DataOutput out) throws IOException;

  /** Reads one value written by {@link #encode}. */
  T decode(DataInput in) throws IOException;
}
