package dev.millrace.coders;

import com.google.common.base.Preconditions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Base class of the coders of iterables and collections: the number of elements (a
 * variable-length integer) followed by each element in iteration order. Subclasses say which
 * collection to decode into and whether the encoding is deterministic.
 *
 * @param <T> the element type
 * @param <C> the iterable type
 */
public abstract class IterableLikeCoder<T, C extends Iterable<T>> extends StructuredCoder<C> {
  private static final long serialVersionUID = 1L;

  private final Coder<T> elementCoder;

  /** A coder whose elements are encoded with {@code elementCoder}. */
  protected IterableLikeCoder(Coder<T> elementCoder) {
    this.elementCoder = Preconditions.checkNotNull(elementCoder, "elementCoder");
  }

  /** The coder of the elements. */
  public Coder<T> getElementCoder() {
    return elementCoder;
  }

  /** The coder of the elements (Beam's spelling of {@link #getElementCoder()}). */
  public Coder<T> getElemCoder() {
    return elementCoder;
  }

  /** Creates the decoded collection from the decoded elements, in encoded order. */
  protected abstract C decodeToIterable(List<T> decodedElements);

  @Override
  public void encode(C iterable, OutputStream out) throws IOException {
    if (iterable == null) {
      throw VarInts.cannotEncodeNull(this);
    }
    Collection<T> elements;
    if (iterable instanceof Collection<T> c) {
      elements = c;
    } else {
      elements = new ArrayList<>();
      for (T t : iterable) {
        elements.add(t);
      }
    }
    int size = elements.size();
    VarInts.writeInt(size, out);
    int written = 0;
    for (T t : elements) {
      elementCoder.encode(t, out);
      written++;
    }
    if (written != size) {
      throw new CoderException(
          this + ": the collection changed while it was being encoded (size " + size
              + ", iterated " + written + " elements)");
    }
  }

  @Override
  public C decode(InputStream in) throws IOException {
    int size = VarInts.readLength(in);
    List<T> elements = new ArrayList<>(Math.min(size, 1 << 16));
    for (int i = 0; i < size; i++) {
      elements.add(elementCoder.decode(in));
    }
    return decodeToIterable(elements);
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return List.of(elementCoder);
  }
}
