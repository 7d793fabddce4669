package dev.millrace.coders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;

/**
 * Encodes a {@code BigInteger} as its minimal two's-complement bytes, length-prefixed.
 * Deterministic and consistent with {@code equals}.
 */
public final class BigIntegerCoder extends AtomicCoder<BigInteger> {
  private static final long serialVersionUID = 1L;
  private static final BigIntegerCoder INSTANCE = new BigIntegerCoder();

  private BigIntegerCoder() {}

  /** The coder (a singleton). */
  public static BigIntegerCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(BigInteger value, OutputStream out) throws IOException {
    if (value == null) {
      throw VarInts.cannotEncodeNull(this);
    }
    ByteArrayCoder.of().encode(value.toByteArray(), out);
  }

  @Override
  public BigInteger decode(InputStream in) throws IOException {
    byte[] bytes = ByteArrayCoder.of().decode(in);
    if (bytes.length == 0) {
      throw new CoderException("Malformed BigInteger: zero-length encoding");
    }
    return new BigInteger(bytes);
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
