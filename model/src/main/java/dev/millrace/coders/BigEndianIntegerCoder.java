package dev.millrace.coders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Encodes {@code Integer}s in 4 big-endian bytes. Deterministic.
 */
public final class BigEndianIntegerCoder extends AtomicCoder<Integer> {
  private static final long serialVersionUID = 1L;
  private static final BigEndianIntegerCoder INSTANCE = new BigEndianIntegerCoder();

  private BigEndianIntegerCoder() {}

  /** The coder (a singleton). */
  public static BigEndianIntegerCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Integer value, OutputStream out) throws IOException {
    if (value == null) {
      throw VarInts.cannotEncodeNull(this);
    }
    VarInts.writeBigEndianInt(value, out);
  }

  @Override
  public Integer decode(InputStream in) throws IOException {
    return VarInts.readBigEndianInt(in);
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
