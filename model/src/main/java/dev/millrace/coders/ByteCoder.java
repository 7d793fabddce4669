package dev.millrace.coders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Encodes a {@code Byte} as itself, one byte. Deterministic.
 */
public final class ByteCoder extends AtomicCoder<Byte> {
  private static final long serialVersionUID = 1L;
  private static final ByteCoder INSTANCE = new ByteCoder();

  private ByteCoder() {}

  /** The coder (a singleton). */
  public static ByteCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Byte value, OutputStream out) throws IOException {
    if (value == null) {
      throw VarInts.cannotEncodeNull(this);
    }
    out.write(value);
  }

  @Override
  public Byte decode(InputStream in) throws IOException {
    return (byte) VarInts.readByte(in);
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
