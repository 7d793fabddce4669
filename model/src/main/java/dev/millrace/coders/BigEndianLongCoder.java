package dev.millrace.coders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Encodes {@code Long}s in 8 big-endian bytes. Deterministic.
 */
public final class BigEndianLongCoder extends AtomicCoder<Long> {
  private static final long serialVersionUID = 1L;
  private static final BigEndianLongCoder INSTANCE = new BigEndianLongCoder();

  private BigEndianLongCoder() {}

  /** The coder (a singleton). */
  public static BigEndianLongCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Long value, OutputStream out) throws IOException {
    if (value == null) {
      throw VarInts.cannotEncodeNull(this);
    }
    VarInts.writeBigEndianLong(value, out);
  }

  @Override
  public Long decode(InputStream in) throws IOException {
    return VarInts.readBigEndianLong(in);
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
