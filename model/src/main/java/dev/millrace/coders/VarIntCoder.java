package dev.millrace.coders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Encodes {@code Integer}s as variable-length integers: 1 byte for 0..127, up to 5 bytes; negative
 * numbers always take 5 bytes (use {@link BigEndianIntegerCoder} if they are common). Deterministic.
 */
public final class VarIntCoder extends AtomicCoder<Integer> {
  private static final long serialVersionUID = 1L;
  private static final VarIntCoder INSTANCE = new VarIntCoder();

  private VarIntCoder() {}

  /** The coder (a singleton). */
  public static VarIntCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Integer value, OutputStream out) throws IOException {
    if (value == null) {
      throw VarInts.cannotEncodeNull(this);
    }
    VarInts.writeInt(value, out);
  }

  @Override
  public Integer decode(InputStream in) throws IOException {
    return VarInts.readInt(in);
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
