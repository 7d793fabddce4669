package dev.millrace.coders;

import com.google.common.base.Preconditions;
import dev.millrace.values.TypeDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Encodes a Java record as the encodings of its components, in declaration order, each with its
 * own coder; decodes through the canonical constructor (so its validation runs).
 *
 * <p>The coder the {@link CoderRegistry} infers for a record uses the registry's coder for each
 * component's (generic) type; a component may be null only when it is annotated with an
 * annotation named {@code Nullable} (any package), in which case its coder is wrapped in a {@link
 * NullableCoder}. A record coder is deterministic, and consistent with {@code equals}, when all
 * component coders are.
 *
 * <pre>{@code
 * record Score(String user, int points, @Nullable String team) {}
 * Coder<Score> c = RecordCoder.of(Score.class); // or inferred for a PCollection<Score>
 * }</pre>
 *
 * @param <T> the record type
 */
public final class RecordCoder<T> extends StructuredCoder<T> {
  private static final long serialVersionUID = 1L;

  private final Class<T> recordClass;
  private final TypeDescriptor<T> type;
  private final List<Coder<?>> componentCoders;
  private transient Method[] accessors;
  private transient Constructor<T> constructor;
  private transient String[] names;

  private RecordCoder(Class<T> recordClass, TypeDescriptor<T> type, List<Coder<?>> coders) {
    this.recordClass = recordClass;
    this.type = type;
    this.componentCoders = List.copyOf(coders);
    Preconditions.checkArgument(
        recordClass.isRecord(), "%s is not a record; RecordCoder encodes records only",
        recordClass.getName());
    int n = recordClass.getRecordComponents().length;
    Preconditions.checkArgument(
        coders.size() == n,
        "record %s has %s components but %s coders were given",
        recordClass.getName(),
        n,
        coders.size());
    resolve();
  }

  /**
   * A coder of the record class {@code recordClass} whose component coders are inferred by a
   * default {@link CoderRegistry}. Usable with {@code @DefaultCoder(RecordCoder.class)}.
   *
   * @throws IllegalArgumentException if a component has no inferable coder (the message says
   *     which)
   */
  public static <T> RecordCoder<T> of(Class<T> recordClass) {
    try {
      return CoderRegistry.createDefault().inferRecordCoder(TypeDescriptor.of(recordClass));
    } catch (CannotProvideCoderException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** A coder of the record class with explicit component coders, in declaration order. */
  public static <T> RecordCoder<T> of(Class<T> recordClass, List<? extends Coder<?>> coders) {
    return new RecordCoder<>(recordClass, TypeDescriptor.of(recordClass), new ArrayList<>(coders));
  }

  /** A coder of the record class with explicit component coders, in declaration order. */
  public static <T> RecordCoder<T> of(Class<T> recordClass, Coder<?>... coders) {
    return of(recordClass, List.of(coders));
  }

  /** For the registry: a coder of a possibly generic record type with its component coders. */
  @SuppressWarnings("unchecked")
  static <T> RecordCoder<T> ofType(TypeDescriptor<T> type, List<Coder<?>> coders) {
    return new RecordCoder<>((Class<T>) type.getRawType(), type, coders);
  }

  /** The record class. */
  public Class<T> getRecordClass() {
    return recordClass;
  }

  @SuppressWarnings("unchecked")
  private void resolve() {
    RecordComponent[] rcs = recordClass.getRecordComponents();
    Method[] acc = new Method[rcs.length];
    Class<?>[] types = new Class<?>[rcs.length];
    String[] ns = new String[rcs.length];
    for (int i = 0; i < rcs.length; i++) {
      acc[i] = rcs[i].getAccessor();
      acc[i].setAccessible(true);
      types[i] = rcs[i].getType();
      ns[i] = rcs[i].getName();
    }
    try {
      Constructor<T> c = recordClass.getDeclaredConstructor(types);
      c.setAccessible(true);
      constructor = c;
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("record " + recordClass.getName() + " has no canonical constructor", e);
    }
    names = ns;
    accessors = acc;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void encode(T value, OutputStream out) throws IOException {
    if (value == null) {
      throw VarInts.cannotEncodeNull(this);
    }
    if (accessors == null) {
      resolve();
    }
    for (int i = 0; i < accessors.length; i++) {
      Object component;
      try {
        component = accessors[i].invoke(value);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new CoderException("Cannot read component '" + names[i] + "' of " + value, e);
      }
      Coder<Object> c = (Coder<Object>) componentCoders.get(i);
      if (component == null && !(c instanceof NullableCoder)) {
        throw new CoderException(
            "Component '" + names[i] + "' of record " + recordClass.getName() + " is null, but "
                + c + " cannot encode null. Annotate the component with @Nullable (any annotation"
                + " named Nullable) so that the inferred coder allows null, or pass a NullableCoder"
                + " for it to RecordCoder.of(...)");
      }
      c.encode(component, out);
    }
  }

  @Override
  public T decode(InputStream in) throws IOException {
    if (accessors == null) {
      resolve();
    }
    Object[] args = new Object[componentCoders.size()];
    for (int i = 0; i < args.length; i++) {
      args[i] = componentCoders.get(i).decode(in);
    }
    try {
      return constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      throw new CoderException(
          "The constructor of record " + recordClass.getName() + " rejected the decoded components: "
              + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      throw new CoderException("Cannot construct record " + recordClass.getName() + ": " + e, e);
    }
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return componentCoders;
  }

  /** Deterministic if every component coder is. */
  @Override
  public void verifyDeterministic() throws NonDeterministicException {
    RecordComponent[] rcs = recordClass.getRecordComponents();
    for (int i = 0; i < rcs.length; i++) {
      NonDeterministicException.verifyComponent(
          this, "coder of component '" + rcs[i].getName() + "',", componentCoders.get(i));
    }
  }

  @Override
  public boolean consistentWithEquals() {
    for (Coder<?> c : componentCoders) {
      if (!c.consistentWithEquals()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public TypeDescriptor<T> getEncodedTypeDescriptor() {
    return type;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RecordCoder<?> r
        && r.type.equals(type)
        && r.componentCoders.equals(componentCoders);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, componentCoders);
  }

  /** E.g. {@code RecordCoder<Score>(StringUtf8Coder, VarIntCoder)}. */
  @Override
  public String toString() {
    String s = super.toString();
    return "RecordCoder<" + recordClass.getSimpleName() + ">" + s.substring("RecordCoder".length());
  }
}
