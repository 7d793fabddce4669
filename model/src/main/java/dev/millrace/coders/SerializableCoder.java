package dev.millrace.coders;

import com.google.common.base.Preconditions;
import dev.millrace.values.TypeDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes values with Java serialization — the explicit, slow and fragile fallback. Never chosen
 * by inference: use it only by calling {@link #of} or annotating a class with {@code
 * @DefaultCoder(SerializableCoder.class)}. The first coder created for a class logs a warning.
 *
 * <p>Prefer a record ({@link RecordCoder}), {@link JsonCoder}, or a custom coder: Java
 * serialization is large, slow, breaks when classes change, and is not deterministic. Null
 * values are allowed.
 *
 * @param <T> the type of values encoded
 */
public final class SerializableCoder<T extends Serializable> extends Coder<T> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(SerializableCoder.class);
  private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

  private final Class<T> type;

  private SerializableCoder(Class<T> type) {
    this.type = type;
  }

  /** A coder of {@code type} values using Java serialization; logs a warning once per class. */
  public static <T extends Serializable> SerializableCoder<T> of(Class<T> type) {
    Preconditions.checkNotNull(type, "type");
    Preconditions.checkArgument(
        Serializable.class.isAssignableFrom(type),
        "SerializableCoder cannot encode %s: it does not implement java.io.Serializable",
        type.getName());
    if (WARNED.add(type.getName())) {
      LOG.warn(
          "Using SerializableCoder (Java serialization) for {}: it is a slow and fragile fallback"
              + " that breaks when the class changes and cannot encode grouping keys. Prefer"
              + " making it a record (RecordCoder) or using @DefaultCoder(JsonCoder.class).",
          type.getName());
    }
    return new SerializableCoder<>(type);
  }

  /** Whether the once-per-class warning was logged for {@code type}; for tests. */
  static boolean warnedAbout(Class<?> type) {
    return WARNED.contains(type.getName());
  }

  /** The class whose values are encoded. */
  public Class<T> getRecordType() {
    return type;
  }

  @Override
  public void encode(T value, OutputStream out) throws IOException {
    ByteArrays.Output buf = new ByteArrays.Output(128);
    try (ObjectOutputStream oos = new ObjectOutputStream(buf)) {
      oos.writeObject(value);
    } catch (IOException e) {
      throw new CoderException(
          "SerializableCoder cannot serialize a " + type.getName() + " (" + e + "); make every"
              + " field Serializable or transient, or use another coder", e);
    }
    VarInts.writeInt(buf.count, out);
    out.write(buf.buf, 0, buf.count);
  }

  @Override
  public T decode(InputStream in) throws IOException {
    int len = VarInts.readLength(in);
    byte[] bytes = new byte[len];
    VarInts.readFully(in, bytes, 0, len);
    try (ObjectInputStream ois = new LoaderAwareInput(new ByteArrays.Input(bytes, 0, len), type)) {
      return type.cast(ois.readObject());
    } catch (ClassNotFoundException | ClassCastException e) {
      throw new CoderException(
          "SerializableCoder cannot deserialize a " + type.getName() + ": " + e, e);
    }
  }

  /** Resolves classes with the encoded class's loader, then the thread's context loader. */
  private static final class LoaderAwareInput extends ObjectInputStream {
    private final Class<?> type;

    LoaderAwareInput(InputStream in, Class<?> type) throws IOException {
      super(in);
      this.type = type;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      try {
        return super.resolveClass(desc);
      } catch (ClassNotFoundException e) {
        ClassLoader[] loaders = {type.getClassLoader(), Thread.currentThread().getContextClassLoader()};
        for (ClassLoader l : loaders) {
          if (l != null) {
            try {
              return Class.forName(desc.getName(), false, l);
            } catch (ClassNotFoundException ignored) {
              // try the next loader
            }
          }
        }
        throw e;
      }
    }
  }

  /** Never deterministic. */
  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    throw new NonDeterministicException(
        this, "Java serialization is not guaranteed to encode equal values identically");
  }

  @Override
  public TypeDescriptor<T> getEncodedTypeDescriptor() {
    return TypeDescriptor.of(type);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SerializableCoder<?> s && s.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  /** E.g. {@code SerializableCoder(com.example.Legacy)}. */
  @Override
  public String toString() {
    return "SerializableCoder(" + type.getName() + ")";
  }
}
