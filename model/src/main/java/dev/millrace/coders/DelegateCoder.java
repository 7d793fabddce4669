package dev.millrace.coders;

import com.google.common.base.Preconditions;
import dev.millrace.values.TypeDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Encodes values of type {@code T} by converting them to another type that already has a coder:
 * {@code DelegateCoder.of(StringUtf8Coder.of(), UUID::toString, UUID::fromString)}. Deterministic
 * when the other coder is (and the conversion maps equal values to equal values).
 *
 * @param <T> the type of values encoded
 * @param <IntermediateT> the type they are converted to
 */
public final class DelegateCoder<T, IntermediateT> extends StructuredCoder<T> {
  private static final long serialVersionUID = 1L;

  /**
   * A serialisable conversion that may throw.
   *
   * @param <InputT> the type converted from
   * @param <OutputT> the type converted to
   */
  @FunctionalInterface
  public interface CodingFunction<InputT, OutputT> extends Serializable {
    /** Converts {@code input}. */
    OutputT apply(InputT input) throws Exception;
  }

  private final Coder<IntermediateT> coder;
  private final CodingFunction<T, IntermediateT> toFn;
  private final CodingFunction<IntermediateT, T> fromFn;
  private final TypeDescriptor<T> typeDescriptor;

  private DelegateCoder(
      Coder<IntermediateT> coder,
      CodingFunction<T, IntermediateT> toFn,
      CodingFunction<IntermediateT, T> fromFn,
      TypeDescriptor<T> typeDescriptor) {
    this.coder = Preconditions.checkNotNull(coder, "coder");
    this.toFn = Preconditions.checkNotNull(toFn, "toFn");
    this.fromFn = Preconditions.checkNotNull(fromFn, "fromFn");
    this.typeDescriptor = typeDescriptor;
  }

  /** A coder that converts with {@code toFn}, encodes with {@code coder}, decodes with {@code fromFn}. */
  public static <T, IntermediateT> DelegateCoder<T, IntermediateT> of(
      Coder<IntermediateT> coder,
      CodingFunction<T, IntermediateT> toFn,
      CodingFunction<IntermediateT, T> fromFn) {
    return new DelegateCoder<>(coder, toFn, fromFn, null);
  }

  /** As {@link #of(Coder, CodingFunction, CodingFunction)}, declaring the encoded type. */
  public static <T, IntermediateT> DelegateCoder<T, IntermediateT> of(
      Coder<IntermediateT> coder,
      CodingFunction<T, IntermediateT> toFn,
      CodingFunction<IntermediateT, T> fromFn,
      TypeDescriptor<T> typeDescriptor) {
    return new DelegateCoder<>(coder, toFn, fromFn, typeDescriptor);
  }

  @Override
  public void encode(T value, OutputStream out) throws IOException {
    coder.encode(convert(toFn, value, "convert a value to"), out);
  }

  @Override
  public T decode(InputStream in) throws IOException {
    return convert(fromFn, coder.decode(in), "convert a value from");
  }

  private <A, B> B convert(CodingFunction<A, B> fn, A value, String what) throws CoderException {
    try {
      return fn.apply(value);
    } catch (Exception e) {
      throw new CoderException(
          "DelegateCoder failed to " + what + " the type of " + coder + ": " + e, e);
    }
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return List.of(coder);
  }

  /** Deterministic if the delegate coder is. */
  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    NonDeterministicException.verifyComponent(this, "delegate coder", coder);
  }

  /** The delegate coder's structural value of the converted value. */
  @Override
  public Object structuralValue(T value) {
    try {
      return coder.structuralValue(toFn.apply(value));
    } catch (Exception e) {
      throw new IllegalArgumentException("DelegateCoder failed to convert " + value, e);
    }
  }

  @Override
  public TypeDescriptor<T> getEncodedTypeDescriptor() {
    return typeDescriptor;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DelegateCoder<?, ?> d
        && coder.equals(d.coder)
        && toFn.equals(d.toFn)
        && fromFn.equals(d.fromFn)
        && Objects.equals(typeDescriptor, d.typeDescriptor);
  }

  @Override
  public int hashCode() {
    return Objects.hash(coder, toFn, fromFn, typeDescriptor);
  }
}
