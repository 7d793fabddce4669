package dev.millrace.coders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Encodes a {@code byte[]} as its length (a variable-length integer) followed by its bytes.
 * Deterministic, but not consistent with {@code equals} (arrays compare by identity): its
 * {@link #structuralValue} is a {@link StructuralByteArray} of a copy of the array.
 */
public final class ByteArrayCoder extends AtomicCoder<byte[]> {
  private static final long serialVersionUID = 1L;
  private static final ByteArrayCoder INSTANCE = new ByteArrayCoder();

  private ByteArrayCoder() {}

  /** The coder (a singleton). */
  public static ByteArrayCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(byte[] value, OutputStream out) throws IOException {
    if (value == null) {
      throw VarInts.cannotEncodeNull(this);
    }
    VarInts.writeInt(value.length, out);
    out.write(value);
  }

  @Override
  public byte[] decode(InputStream in) throws IOException {
    int len = VarInts.readLength(in);
    byte[] result = new byte[len];
    VarInts.readFully(in, result, 0, len);
    return result;
  }

  /** Deterministic. */
  @Override
  public void verifyDeterministic() {}

  @Override
  public Object structuralValue(byte[] value) {
    return value == null ? null : new StructuralByteArray(value.clone());
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
