package dev.millrace.coders;

import com.google.common.reflect.TypeToken;
import dev.millrace.values.TypeDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.lang.reflect.Type;
import java.util.List;

/**
 * Turns values of type {@code T} into bytes and back. Every {@code PCollection} has a coder;
 * runners use it to move elements between workers (shuffles), to store state and checkpoints, and
 * the direct runner round-trips every element through it to catch encoding bugs early.
 *
 * <p>Every encoding is <em>self-delimiting</em>: {@link #decode} reads exactly the bytes that
 * {@link #encode} wrote, so values can be written one after another into the same stream (there
 * is no separate "outer"/"nested" context as in Beam).
 *
 * <p>A coder is <em>deterministic</em> when equal values always encode to the same bytes; grouping
 * keys need a deterministic coder, checked at pipeline construction with {@link
 * #verifyDeterministic}. Coders must be {@link Serializable}; they are shipped to workers.
 *
 * <p>Extend {@link AtomicCoder} for a coder without component coders, or {@link StructuredCoder}
 * for one built from component coders (both give you {@code equals}, {@code hashCode} and {@code
 * toString}).
 *
 * @param <T> the type of values encoded
 */
public abstract class Coder<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Writes {@code value} to {@code out}. Must not close {@code out}.
   *
   * @throws CoderException if the value cannot be encoded (for example null where nulls are not
   *     allowed)
   * @throws IOException if writing to the stream fails
   */
  public abstract void encode(T value, OutputStream out) throws IOException;

  /**
   * Reads one value written by {@link #encode} from {@code in}, consuming exactly its bytes. Must
   * not close {@code in}.
   *
   * @throws CoderException if the bytes are not a valid encoding (including a premature end)
   * @throws IOException if reading from the stream fails
   */
  public abstract T decode(InputStream in) throws IOException;

  /**
   * Throws unless equal values always encode to identical bytes. The default implementation
   * throws, naming this coder; deterministic coders override it.
   *
   * @throws NonDeterministicException saying which (component) coder is not deterministic and why
   */
  public void verifyDeterministic() throws NonDeterministicException {
    throw new NonDeterministicException(
        this, "it does not declare a deterministic encoding (it does not override verifyDeterministic)");
  }

  /** Whether {@link #verifyDeterministic} passes. */
  public final boolean isDeterministic() {
    try {
      verifyDeterministic();
      return true;
    } catch (NonDeterministicException e) {
      return false;
    }
  }

  /** The coders this coder is built from (e.g. key and value coder of a KV), or an empty list. */
  public List<? extends Coder<?>> getCoderArguments() {
    return List.of();
  }

  /**
   * Whether two values are equal ({@code equals}) exactly when their encodings are equal. When
   * true, {@link #structuralValue} is the value itself. False by default.
   */
  public boolean consistentWithEquals() {
    return false;
  }

  /**
   * A stand-in for {@code value} whose {@code equals} and {@code hashCode} agree with equality of
   * encoded bytes: the value itself when {@link #consistentWithEquals()}, otherwise a {@link
   * StructuralByteArray} of its encoding. Runners use it to compare and hash values (e.g. to
   * detect mutations of elements, or to key state by a key's bytes).
   */
  public Object structuralValue(T value) {
    if (value == null || consistentWithEquals()) {
      return value;
    }
    try {
      return new StructuralByteArray(CoderUtils.encodeToByteArray(this, value));
    } catch (CoderException e) {
      throw new IllegalArgumentException(
          "Unable to encode a value with " + this + " to compute its structural value: "
              + e.getMessage(), e);
    }
  }

  /**
   * The type this coder encodes, or null when it is not known. By default read from the coder's
   * class when it binds {@code T} to a concrete type (e.g. {@code class PointCoder extends
   * AtomicCoder<Point>}).
   */
  public TypeDescriptor<T> getEncodedTypeDescriptor() {
    Type t = TypeToken.of(getClass()).resolveType(Coder.class.getTypeParameters()[0]).getType();
    @SuppressWarnings("unchecked")
    TypeDescriptor<T> td = (TypeDescriptor<T>) TypeDescriptor.of(t);
    return td.hasUnresolvedParameters() ? null : td;
  }

  /** The coder's simple class name, plus its component coders in parentheses when it has any. */
  @Override
  public String toString() {
    List<? extends Coder<?>> args = getCoderArguments();
    if (args.isEmpty()) {
      return getClass().getSimpleName();
    }
    StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('(');
    for (int i = 0; i < args.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(args.get(i));
    }
    return sb.append(')').toString();
  }
}
