package dev.millrace.coders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Encodes {@code Long}s as variable-length integers: 1 byte for 0..127, up to 10 bytes; negative
 * numbers always take 10 bytes (use {@link BigEndianLongCoder} if they are common). Deterministic.
 */
public final class VarLongCoder extends AtomicCoder<Long> {
  private static final long serialVersionUID = 1L;
  private static final VarLongCoder INSTANCE = new VarLongCoder();

  private VarLongCoder() {}

  /** The coder (a singleton). */
  public static VarLongCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Long value, OutputStream out) throws IOException {
    if (value == null) {
      throw VarInts.cannotEncodeNull(this);
    }
    VarInts.writeLong(value, out);
  }

  @Override
  public Long decode(InputStream in) throws IOException {
    return VarInts.readLong(in);
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
