package dev.millrace.coders;

import dev.millrace.values.TypeDescriptor;
import dev.millrace.values.TypeDescriptors;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes a {@code List} as its size followed by its elements; decodes to a mutable {@link
 * ArrayList}. Deterministic, and consistent with {@code equals}, when the element coder is.
 *
 * @param <T> the element type
 */
public final class ListCoder<T> extends IterableLikeCoder<T, List<T>> {
  private static final long serialVersionUID = 1L;

  private ListCoder(Coder<T> elementCoder) {
    super(elementCoder);
  }

  /** A coder of lists whose elements are encoded with {@code elementCoder}. */
  public static <T> ListCoder<T> of(Coder<T> elementCoder) {
    return new ListCoder<>(elementCoder);
  }

  @Override
  protected List<T> decodeToIterable(List<T> decodedElements) {
    return decodedElements instanceof ArrayList<T> ? decodedElements : new ArrayList<>(decodedElements);
  }

  /** Deterministic if the element coder is. */
  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    NonDeterministicException.verifyComponent(this, "element coder", getElemCoder());
  }

  @Override
  public boolean consistentWithEquals() {
    return getElemCoder().consistentWithEquals();
  }

  /** The list of the elements' structural values. */
  @Override
  public Object structuralValue(List<T> value) {
    if (value == null || consistentWithEquals()) {
      return value;
    }
    List<Object> result = new ArrayList<>(value.size());
    for (T t : value) {
      result.add(getElemCoder().structuralValue(t));
    }
    return result;
  }

  @Override
  public TypeDescriptor<List<T>> getEncodedTypeDescriptor() {
    TypeDescriptor<T> e = getElemCoder().getEncodedTypeDescriptor();
    return e == null ? null : TypeDescriptors.lists(e);
  }
}
