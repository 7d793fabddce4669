package dev.millrace.coders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Encodes {@code Short}s in 2 big-endian bytes. Deterministic.
 */
public final class ShortCoder extends AtomicCoder<Short> {
  private static final long serialVersionUID = 1L;
  private static final ShortCoder INSTANCE = new ShortCoder();

  private ShortCoder() {}

  /** The coder (a singleton). */
  public static ShortCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Short value, OutputStream out) throws IOException {
    if (value == null) {
      throw VarInts.cannotEncodeNull(this);
    }
    out.write(value >>> 8);
    out.write(value);
  }

  @Override
  public Short decode(InputStream in) throws IOException {
    return (short) ((VarInts.readByte(in) << 8) | VarInts.readByte(in));
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
