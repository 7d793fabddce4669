package dev.millrace.coders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;

/**
 * Encodes a {@code java.time.Instant} exactly (nanosecond precision) in 12 bytes: the epoch second
 * as a big-endian long with its sign bit flipped, then the nanosecond adjustment as a big-endian
 * int. The encodings sort, byte by byte, in time order. Deterministic and consistent with {@code
 * equals}.
 */
public final class InstantCoder extends AtomicCoder<Instant> {
  private static final long serialVersionUID = 1L;
  private static final InstantCoder INSTANCE = new InstantCoder();

  private InstantCoder() {}

  /** The coder (a singleton). */
  public static InstantCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Instant value, OutputStream out) throws IOException {
    if (value == null) {
      throw VarInts.cannotEncodeNull(this);
    }
    VarInts.writeBigEndianLong(value.getEpochSecond() ^ Long.MIN_VALUE, out);
    VarInts.writeBigEndianInt(value.getNano(), out);
  }

  @Override
  public Instant decode(InputStream in) throws IOException {
    long seconds = VarInts.readBigEndianLong(in) ^ Long.MIN_VALUE;
    int nanos = VarInts.readBigEndianInt(in);
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (RuntimeException e) {
      throw new CoderException("Malformed Instant: " + e.getMessage(), e);
    }
  }

  /** Deterministic. */
  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
