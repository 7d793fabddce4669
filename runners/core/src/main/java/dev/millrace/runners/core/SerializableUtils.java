package dev.millrace.runners.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;

/** Java-serialisation helpers for shipping user functions to threads and workers. */
public final class SerializableUtils {
  private SerializableUtils() {}

  /** Serialises the object; an error names what could not be serialised. */
  public static byte[] serialize(Serializable o, String description) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    } catch (IOException e) {
      throw new IllegalArgumentException("Unable to serialize " + description + ": " + e, e);
    }
    return bytes.toByteArray();
  }

  /** Deserialises bytes made by {@link #serialize}, with the thread's context class loader. */
  @SuppressWarnings("unchecked")
  public static <T> T deserialize(byte[] bytes, String description) {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
      return (T) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalArgumentException("Unable to deserialize " + description + ": " + e, e);
    }
  }

  /** A fresh copy made by serialising and deserialising. */
  public static <T extends Serializable> T clone(T o, String description) {
    return deserialize(serialize(o, description), description);
  }

  private static final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader loader;

    LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
      super(in);
      this.loader = loader;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      if (loader != null) {
        try {
          return Class.forName(desc.getName(), false, loader);
        } catch (ClassNotFoundException e) {
          // fall through to the default
        }
      }
      return super.resolveClass(desc);
    }
  }
}
