package dev.millrace.coders;

import com.google.common.base.Preconditions;
import dev.millrace.values.TypeDescriptor;
import dev.millrace.values.TypeDescriptors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Encodes an {@code Optional}: one marker byte (0 for empty, 1 for present) followed by the value.
 * Deterministic, and consistent with {@code equals}, when the value coder is.
 *
 * @param <T> the type of the optional's value
 */
public final class OptionalCoder<T> extends StructuredCoder<Optional<T>> {
  private static final long serialVersionUID = 1L;

  private final Coder<T> valueCoder;

  private OptionalCoder(Coder<T> valueCoder) {
    this.valueCoder = Preconditions.checkNotNull(valueCoder, "valueCoder");
  }

  /** A coder of optionals whose values are encoded with {@code valueCoder}. */
  public static <T> OptionalCoder<T> of(Coder<T> valueCoder) {
    return new OptionalCoder<>(valueCoder);
  }

  /** The coder of the present values. */
  public Coder<T> getValueCoder() {
    return valueCoder;
  }

  @Override
  public void encode(Optional<T> value, OutputStream out) throws IOException {
    if (value == null) {
      throw VarInts.cannotEncodeNull(this);
    }
    if (value.isEmpty()) {
      out.write(0);
    } else {
      out.write(1);
      valueCoder.encode(value.get(), out);
    }
  }

  @Override
  public Optional<T> decode(InputStream in) throws IOException {
    int marker = VarInts.readByte(in);
    if (marker == 0) {
      return Optional.empty();
    }
    if (marker != 1) {
      throw new CoderException("Malformed Optional marker byte " + marker + " (expected 0 or 1)");
    }
    return Optional.of(valueCoder.decode(in));
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return List.of(valueCoder);
  }

  /** Deterministic if the value coder is. */
  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    NonDeterministicException.verifyComponent(this, "value coder", valueCoder);
  }

  @Override
  public boolean consistentWithEquals() {
    return valueCoder.consistentWithEquals();
  }

  @Override
  public TypeDescriptor<Optional<T>> getEncodedTypeDescriptor() {
    TypeDescriptor<T> v = valueCoder.getEncodedTypeDescriptor();
    return v == null ? null : TypeDescriptors.optionals(v);
  }
}
