package dev.millrace.coders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Encodes a {@code Boolean} as one byte, 1 for true and 0 for false. Deterministic.
 */
public final class BooleanCoder extends AtomicCoder<Boolean> {
  private static final long serialVersionUID = 1L;
  private static final BooleanCoder INSTANCE = new BooleanCoder();

  private BooleanCoder() {}

  /** The coder (a singleton). */
  public static BooleanCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Boolean value, OutputStream out) throws IOException {
    if (value == null) {
      throw VarInts.cannotEncodeNull(this);
    }
    out.write(value ? 1 : 0);
  }

  @Override
  public Boolean decode(InputStream in) throws IOException {
    int b = VarInts.readByte(in);
    if (b > 1) {
      throw new CoderException("Malformed Boolean: byte " + b + " is neither 0 nor 1");
    }
    return b == 1;
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
