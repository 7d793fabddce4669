package dev.millrace.coders;

import dev.millrace.values.TypeDescriptor;
import dev.millrace.values.TypeDescriptors;
import java.util.List;

/**
 * Encodes any {@code Iterable} as its number of elements followed by the elements in iteration
 * order; decodes to a {@code List}. Deterministic when the element coder is (iteration order is
 * part of the value). Not consistent with {@code equals}, which {@code Iterable} does not define.
 *
 * @param <T> the element type
 */
public final class IterableCoder<T> extends IterableLikeCoder<T, Iterable<T>> {
  private static final long serialVersionUID = 1L;

  private IterableCoder(Coder<T> elementCoder) {
    super(elementCoder);
  }

  /** A coder of iterables whose elements are encoded with {@code elementCoder}. */
  public static <T> IterableCoder<T> of(Coder<T> elementCoder) {
    return new IterableCoder<>(elementCoder);
  }

  @Override
  protected Iterable<T> decodeToIterable(List<T> decodedElements) {
    return decodedElements;
  }

  /** Deterministic if the element coder is. */
  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    NonDeterministicException.verifyComponent(this, "element coder", getElemCoder());
  }

  @Override
  public TypeDescriptor<Iterable<T>> getEncodedTypeDescriptor() {
    TypeDescriptor<T> e = getElemCoder().getEncodedTypeDescriptor();
    return e == null ? null : TypeDescriptors.iterables(e);
  }
}
