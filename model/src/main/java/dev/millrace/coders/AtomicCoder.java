package dev.millrace.coders;

/**
 * Base class of coders without component coders and without configuration: all instances of the
 * same class are equal, and it prints as its simple class name (e.g. {@code VarLongCoder}).
 *
 * @param <T> the type of values encoded
 */
public abstract class AtomicCoder<T> extends Coder<T> {
  private static final long serialVersionUID = 1L;

  @Override
  public boolean equals(Object o) {
    return o != null && o.getClass() == getClass();
  }

  @Override
  public int hashCode() {
    return getClass().hashCode();
  }
}
