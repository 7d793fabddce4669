package dev.millrace.values;

import dev.millrace.internal.TypeTokens;
import java.io.Serializable;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A typed tag that names one output of a multi-output {@code ParDo} or one member of a
 * {@link PCollectionTuple}. Create it as an anonymous subclass, {@code new TupleTag<String>() {}},
 * so the element type is captured and a coder can be inferred for the tagged output.
 *
 * <p>Tags compare by id; a tag created with an explicit id equals any other tag with that id.
 *
 * @param <T> the type of the elements the tag stands for
 */
public class TupleTag<T> implements Serializable {
  private static final AtomicLong COUNTER = new AtomicLong();
  private final String id;

  /** Creates a tag with a fresh, unique id. */
  public TupleTag() {
    this("tag" + COUNTER.incrementAndGet());
  }

  /** Creates a tag with the given id. */
  public TupleTag(String id) {
    this.id = id;
  }

  public String getId() {
    return id;
  }

  /**
   * The element type captured by an anonymous subclass ({@code new TupleTag<String>() {}}), or
   * null when the type was erased.
   */
  @SuppressWarnings("unchecked")
  public TypeDescriptor<T> getTypeDescriptor() {
    Type sup = getClass().getGenericSuperclass();
    if (getClass() != TupleTag.class && sup instanceof ParameterizedType pt) {
      Type arg = pt.getActualTypeArguments()[0];
      if (TypeTokens.isConcrete(arg)) {
        return (TypeDescriptor<T>) TypeDescriptor.of(arg);
      }
    }
    return null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TupleTag<?> t && t.id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return id;
  }
}
