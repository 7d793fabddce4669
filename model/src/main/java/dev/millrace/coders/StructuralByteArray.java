package dev.millrace.coders;

import com.google.common.io.BaseEncoding;
import java.util.Arrays;

/**
 * A byte array with value semantics: {@code equals} and {@code hashCode} compare contents. Returned
 * by {@link Coder#structuralValue} when a coder's values cannot be compared with their own {@code
 * equals}. The array must not be modified.
 */
public final class StructuralByteArray {
  private final byte[] value;

  /** Wraps {@code value} without copying it. */
  public StructuralByteArray(byte[] value) {
    this.value = value;
  }

  /** The wrapped array (not a copy; do not modify). */
  public byte[] getValue() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StructuralByteArray other && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  /** The bytes in lower-case hexadecimal, e.g. {@code [0a ff]} is {@code base16(0aff)}. */
  @Override
  public String toString() {
    return "base16(" + BaseEncoding.base16().lowerCase().encode(value) + ")";
  }
}
