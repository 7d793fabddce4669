package dev.millrace.coders;

import com.google.common.base.Preconditions;
import dev.millrace.values.TypeDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Makes another coder accept null: one marker byte (0 for null, 1 for a value) followed, for
 * non-null values, by the value's encoding. Deterministic, and consistent with {@code equals},
 * when the wrapped coder is.
 *
 * @param <T> the type of values encoded
 */
public final class NullableCoder<T> extends StructuredCoder<T> {
  private static final long serialVersionUID = 1L;

  private final Coder<T> valueCoder;

  private NullableCoder(Coder<T> valueCoder) {
    this.valueCoder = Preconditions.checkNotNull(valueCoder, "valueCoder");
  }

  /** Wraps {@code valueCoder}; a coder that is already a {@code NullableCoder} is returned as is. */
  public static <T> NullableCoder<T> of(Coder<T> valueCoder) {
    if (valueCoder instanceof NullableCoder<T> n) {
      return n;
    }
    return new NullableCoder<>(valueCoder);
  }

  /** The coder of the non-null values. */
  public Coder<T> getValueCoder() {
    return valueCoder;
  }

  @Override
  public void encode(T value, OutputStream out) throws IOException {
    if (value == null) {
      out.write(0);
    } else {
      out.write(1);
      valueCoder.encode(value, out);
    }
  }

  @Override
  public T decode(InputStream in) throws IOException {
    int marker = VarInts.readByte(in);
    if (marker == 0) {
      return null;
    }
    if (marker != 1) {
      throw new CoderException(
          "Malformed NullableCoder marker byte " + marker + " (expected 0 or 1)");
    }
    return valueCoder.decode(in);
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return List.of(valueCoder);
  }

  /** Deterministic if the wrapped coder is. */
  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    NonDeterministicException.verifyComponent(this, "value coder", valueCoder);
  }

  @Override
  public boolean consistentWithEquals() {
    return valueCoder.consistentWithEquals();
  }

  /** Null for null, otherwise the wrapped coder's structural value. */
  @Override
  public Object structuralValue(T value) {
    return value == null ? null : valueCoder.structuralValue(value);
  }

  @Override
  public TypeDescriptor<T> getEncodedTypeDescriptor() {
    return valueCoder.getEncodedTypeDescriptor();
  }
}
