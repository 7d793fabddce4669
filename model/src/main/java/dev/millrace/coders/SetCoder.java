package dev.millrace.coders;

import dev.millrace.values.TypeDescriptor;
import dev.millrace.values.TypeDescriptors;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Encodes a {@code Set} as its size followed by its elements in iteration order; decodes to a
 * {@link LinkedHashSet} (keeping that order). Not deterministic, as in Beam: equal sets may
 * iterate, and therefore encode, in different orders. To group by a set, use a sorted {@code
 * List} as the key instead.
 *
 * @param <T> the element type
 */
public final class SetCoder<T> extends IterableLikeCoder<T, Set<T>> {
  private static final long serialVersionUID = 1L;

  private SetCoder(Coder<T> elementCoder) {
    super(elementCoder);
  }

  /** A coder of sets whose elements are encoded with {@code elementCoder}. */
  public static <T> SetCoder<T> of(Coder<T> elementCoder) {
    return new SetCoder<>(elementCoder);
  }

  @Override
  protected Set<T> decodeToIterable(List<T> decodedElements) {
    return new LinkedHashSet<>(decodedElements);
  }

  /** Never deterministic: the iteration order of equal sets may differ. */
  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    throw new NonDeterministicException(
        this,
        "equal sets may iterate (and so encode) their elements in different orders;"
            + " use a sorted List instead of a Set as a key");
  }

  @Override
  public TypeDescriptor<Set<T>> getEncodedTypeDescriptor() {
    TypeDescriptor<T> e = getElemCoder().getEncodedTypeDescriptor();
    return e == null ? null : TypeDescriptors.sets(e);
  }
}
