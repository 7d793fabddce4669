package dev.millrace.internal;

import com.google.common.base.Preconditions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;

/**
 * Checks, when a transform is applied, that a user function (DoFn, CombineFn, lambda, coder)
 * survives a Java serialization round trip, as distributed runners need. A failure is reported as
 * an {@link IllegalArgumentException} that names the function, the path of the field that cannot
 * be serialized (found by walking the object graph) and how to fix it. Internal.
 */
public final class SerializableCheck {
  private SerializableCheck() {}

  /**
   * Serialises and deserialises {@code fn}.
   *
   * @param fn the function
   * @param description what the function is, for the message, e.g. {@code "the DoFn of step
   *     'WordCount/Extract'"}
   * @throws IllegalArgumentException if {@code fn} cannot be serialised or deserialised, with a
   *     message naming {@code description}, {@code fn}'s class, the offending field path and a fix
   */
  public static void check(Object fn, String description) {
    Preconditions.checkNotNull(fn, "%s is null", description);
    byte[] bytes;
    try {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(buf)) {
        out.writeObject(fn);
      }
      bytes = buf.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(serializationFailure(fn, description, e), e);
    }
    try (ObjectInputStream in = new ContextLoaderInput(new ByteArrayInputStream(bytes))) {
      in.readObject();
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      throw new IllegalArgumentException(
          describe(fn, description)
              + " can be serialized but not deserialized: "
              + e
              + ". A common cause is a Serializable class whose first non-Serializable superclass"
              + " has no accessible no-argument constructor, or a readObject/readResolve method"
              + " that fails; make the superclass Serializable or give it a no-argument"
              + " constructor.",
          e);
    }
  }

  private static String describe(Object fn, String description) {
    String cls = displayName(fn.getClass());
    return description.contains(cls) ? description : description + " (" + cls + ")";
  }

  private static String serializationFailure(Object fn, String description, Exception e) {
    ObjectGraphWalker.Culprit culprit = new ObjectGraphWalker().find(fn);
    StringBuilder sb = new StringBuilder(describe(fn, description)).append(" is not serializable");
    if (culprit == null) {
      sb.append(": ")
          .append(e)
          .append(". Runners ship functions to workers, so everything a function references must"
              + " be Serializable; make the fields involved transient (initialising them in"
              + " setup()) or Serializable.");
      return sb.toString();
    }
    sb.append(": ").append(culprit.describe()).append(". ");
    sb.append(culprit.hint());
    sb.append(" Runners ship functions to workers, so everything a function references must be"
        + " Serializable.");
    return sb.toString();
  }

  /** A readable class name, with lambda classes shown as "a lambda in Foo". */
  static String displayName(Class<?> c) {
    String n = c.getName();
    int lambda = n.indexOf("$$Lambda");
    if (lambda > 0) {
      return "a lambda in " + n.substring(0, lambda);
    }
    return n;
  }

  /** Whether {@code o} is a serialisable lambda, whose captured values we can read. */
  static SerializedLambda serializedLambda(Object o) {
    if (!(o instanceof Serializable) || !o.getClass().isSynthetic()) {
      return null;
    }
    try {
      var m = o.getClass().getDeclaredMethod("writeReplace");
      m.setAccessible(true);
      Object replaced = m.invoke(o);
      return replaced instanceof SerializedLambda sl ? sl : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Resolves classes with the thread's context class loader when the default one fails. */
  private static final class ContextLoaderInput extends ObjectInputStream {
    ContextLoaderInput(InputStream in) throws IOException {
      super(in);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      try {
        return super.resolveClass(desc);
      } catch (ClassNotFoundException e) {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        if (l == null) {
          throw e;
        }
        return Class.forName(desc.getName(), false, l);
      }
    }
  }
}
