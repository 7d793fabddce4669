package dev.millrace.sources;

import dev.millrace.coders.AtomicCoder;
import dev.millrace.coders.CoderException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Encodes a {@link UnboundedCountingSource.CounterMark} as its next value and start time (8 bytes
 * each, big-endian), the number of watermark-state values (4 bytes) and those values. Deterministic.
 */
final class CounterMarkCoder extends AtomicCoder<UnboundedCountingSource.CounterMark> {
  private static final long serialVersionUID = 1L;
  private static final CounterMarkCoder INSTANCE = new CounterMarkCoder();
  private static final int MAX_STATE = 1 << 16;

  static CounterMarkCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(UnboundedCountingSource.CounterMark mark, OutputStream out)
      throws IOException {
    if (mark == null) {
      throw new CoderException("CounterMarkCoder cannot encode null");
    }
    DataOutputStream data = new DataOutputStream(out);
    data.writeLong(mark.nextValue());
    data.writeLong(mark.startMillis());
    long[] state = mark.watermarkState();
    data.writeInt(state.length);
    for (long v : state) {
      data.writeLong(v);
    }
    data.flush();
  }

  @Override
  public UnboundedCountingSource.CounterMark decode(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    try {
      long next = data.readLong();
      long start = data.readLong();
      int n = data.readInt();
      if (n < 0 || n > MAX_STATE) {
        throw new CoderException("CounterMarkCoder: invalid watermark-state length " + n);
      }
      long[] state = new long[n];
      for (int i = 0; i < n; i++) {
        state[i] = data.readLong();
      }
      return new UnboundedCountingSource.CounterMark(next, start, state);
    } catch (java.io.EOFException e) {
      throw new CoderException("CounterMarkCoder: the encoded mark ends prematurely", e);
    }
  }

  @Override
  public void verifyDeterministic() {}

  private Object readResolve() {
    return INSTANCE;
  }
}
