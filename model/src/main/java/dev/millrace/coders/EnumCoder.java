package dev.millrace.coders;

import com.google.common.base.Preconditions;
import dev.millrace.values.TypeDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Encodes an enum constant by its name (UTF-8, length-prefixed), so that encodings stay valid when
 * constants are reordered or added. Deterministic and consistent with {@code equals}. Inferred by
 * the {@link CoderRegistry} for every enum type.
 *
 * @param <E> the enum type
 */
public final class EnumCoder<E extends Enum<E>> extends Coder<E> {
  private static final long serialVersionUID = 1L;

  private final Class<E> type;

  private EnumCoder(Class<E> type) {
    this.type = type;
  }

  /** A coder of the constants of {@code type}. */
  public static <E extends Enum<E>> EnumCoder<E> of(Class<E> type) {
    Preconditions.checkNotNull(type, "type");
    Preconditions.checkArgument(type.isEnum(), "%s is not an enum type", type.getName());
    return new EnumCoder<>(type);
  }

  @Override
  public void encode(E value, OutputStream out) throws IOException {
    if (value == null) {
      throw VarInts.cannotEncodeNull(this);
    }
    StringUtf8Coder.of().encode(value.name(), out);
  }

  @Override
  public E decode(InputStream in) throws IOException {
    String name = StringUtf8Coder.of().decode(in);
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw new CoderException(type.getName() + " has no constant named '" + name + "'", e);
    }
  }

  /** Deterministic. */
  @Override
  public void verifyDeterministic() {}

  @Override
  public boolean consistentWithEquals() {
    return true;
  }

  @Override
  public TypeDescriptor<E> getEncodedTypeDescriptor() {
    return TypeDescriptor.of(type);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EnumCoder<?> e && e.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  /** E.g. {@code EnumCoder(com.example.Color)}. */
  @Override
  public String toString() {
    return "EnumCoder(" + type.getName() + ")";
  }
}
