package dev.millrace.runners.core.state;

import dev.millrace.runners.core.CoderStateCodec;
import dev.millrace.values.TimestampedValue;
import dev.millrace.windowing.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;

/**
 * Stores a {@link TimestampedValue} as its epoch-millis timestamp followed by the value encoded
 * with the element codec (the elements of ordered-list state).
 *
 * @param elements the codec of the values
 * @param <T> the value type
 */
record TimestampedValueCodec<T>(CoderStateCodec<T> elements)
    implements StateCodec<TimestampedValue<T>> {
  @Override
  public void encode(TimestampedValue<T> value, DataOutput out) throws IOException {
    out.writeLong(value.getTimestamp().toEpochMilli());
    elements.encode(value.getValue(), out);
  }

  @Override
  public TimestampedValue<T> decode(DataInput in) throws IOException {
    long millis = in.readLong();
    return TimestampedValue.of(elements.decode(in), Instant.ofEpochMilli(millis));
  }
}
