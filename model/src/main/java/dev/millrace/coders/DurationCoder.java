package dev.millrace.coders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * Encodes a {@code java.time.Duration} exactly: its seconds (zig-zag variable-length, so short
 * negative durations stay short) and nanosecond adjustment (variable-length). Deterministic and
 * consistent with {@code equals}.
 */
public final class DurationCoder extends AtomicCoder<Duration> {
  private static final long serialVersionUID = 1L;
  private static final DurationCoder INSTANCE = new DurationCoder();

  private DurationCoder() {}

  /** The coder (a singleton). */
  public static DurationCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Duration value, OutputStream out) throws IOException {
    if (value == null) {
      throw VarInts.cannotEncodeNull(this);
    }
    long s = value.getSeconds();
    VarInts.writeLong((s << 1) ^ (s >> 63), out);
    VarInts.writeInt(value.getNano(), out);
  }

  @Override
  public Duration decode(InputStream in) throws IOException {
    long z = VarInts.readLong(in);
    long seconds = (z >>> 1) ^ -(z & 1);
    int nanos = VarInts.readInt(in);
    if (nanos < 0 || nanos > 999_999_999) {
      throw new CoderException("Malformed Duration: nanosecond adjustment " + nanos);
    }
    return Duration.ofSeconds(seconds, nanos);
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
