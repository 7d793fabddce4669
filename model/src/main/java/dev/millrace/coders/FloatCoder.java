package dev.millrace.coders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Encodes a {@code Float} as the 4 big-endian bytes of its IEEE 754 bits (NaNs collapsed to one).
 * Not deterministic, following Beam: floating-point keys are a common source of surprises
 * (0.0 and -0.0 are different keys).
 */
public final class FloatCoder extends AtomicCoder<Float> {
  private static final long serialVersionUID = 1L;
  private static final FloatCoder INSTANCE = new FloatCoder();

  private FloatCoder() {}

  /** The coder (a singleton). */
  public static FloatCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(Float value, OutputStream out) throws IOException {
    if (value == null) {
      throw VarInts.cannotEncodeNull(this);
    }
    VarInts.writeBigEndianInt(Float.floatToIntBits(value), out);
  }

  @Override
  public Float decode(InputStream in) throws IOException {
    return Float.intBitsToFloat(VarInts.readBigEndianInt(in));
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
