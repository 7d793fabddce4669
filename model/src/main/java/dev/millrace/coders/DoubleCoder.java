package dev.millrace.coders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Encodes a {@code Double} as the 8 big-endian bytes of its IEEE 754 bits (NaNs collapsed to one).
 * Not deterministic, following Beam: floating-point keys are a common source of surprises
 * (0.0 and -0.0 are different keys).
 */
public final class DoubleCoder extends AtomicCoder<Double> {
  private static final long serialVersionUID = 1L;
  private static final DoubleCoder INSTANCE = new DoubleCoder();

  private DoubleCoder() {}

  /** The coder (a singleton). */
  public static DoubleCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Double value, OutputStream out) throws IOException {
    if (value == null) {
      throw VarInts.cannotEncodeNull(this);
    }
    VarInts.writeBigEndianLong(Double.doubleToLongBits(value), out);
  }

  @Override
  public Double decode(InputStream in) throws IOException {
    return Double.longBitsToDouble(VarInts.readBigEndianLong(in));
  }

  /**
   * Not deterministic, as in Beam: floating-point values that are equal as numbers (0.0 and
   * -0.0, NaNs) can have different encodings, which makes them unreliable grouping keys.
   */
  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    throw new NonDeterministicException(
        this, "floating-point encodings are not guaranteed to be deterministic, e.g. 0.0 and -0.0 differ");
  }

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  private Object readResolve() {
    return INSTANCE;
  }
}
