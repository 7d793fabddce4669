package dev.millrace.coders;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;

/**
 * Encodes a {@code BigDecimal} as its scale (a variable-length integer) followed by its unscaled
 * value ({@link BigIntegerCoder}). Deterministic and consistent with {@code equals} — note that,
 * as with {@code equals}, {@code 1.0} and {@code 1.00} differ (different scales), so normalise
 * with {@code stripTrailingZeros()} before grouping if they should be the same key.
 */
public final class BigDecimalCoder extends AtomicCoder<BigDecimal> {
  private static final long serialVersionUID = 1L;
  private static final BigDecimalCoder INSTANCE = new BigDecimalCoder();

  private BigDecimalCoder() {}

  /** The coder (a singleton). */
  public static BigDecimalCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(BigDecimal value, OutputStream out) throws IOException {
    if (value == null) {
      throw VarInts.cannotEncodeNull(this);
    }
    VarInts.writeInt(value.scale(), out);
    BigIntegerCoder.of().encode(value.unscaledValue(), out);
  }

  @Override
  public BigDecimal decode(InputStream in) throws IOException {
    int scale = VarInts.readInt(in);
    return new BigDecimal(BigIntegerCoder.of().decode(in), scale);
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
