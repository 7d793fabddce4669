package dev.millrace.coders;

/**
 * Base class of coders built from component coders ({@link #getCoderArguments()}): two instances
 * are equal when they have the same class and equal component coders, and they print as {@code
 * KvCoder(StringUtf8Coder, VarLongCoder)}. Subclasses with further configuration override {@code
 * equals}/{@code hashCode}.
 *
 * @param <T> the type of values encoded
 */
public abstract class StructuredCoder<T> extends Coder<T> {
  private static final long serialVersionUID = 1L;

  @Override
  public boolean equals(Object o) {
    return o != null
        && o.getClass() == getClass()
        && getCoderArguments().equals(((Coder<?>) o).getCoderArguments());
  }

  @Override
  public int hashCode() {
    return getClass().hashCode() * 31 + getCoderArguments().hashCode();
  }
}
