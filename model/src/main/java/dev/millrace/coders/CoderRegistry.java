package dev.millrace.coders;

import com.google.common.base.Preconditions;
import dev.millrace.values.TypeDescriptor;
import java.lang.reflect.ParameterizedType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Finds the {@link Coder} for a type; every pipeline has one ({@code
 * pipeline.getCoderRegistry()}) and uses it to infer the coder of each {@code PCollection} from
 * its element type.
 *
 * <p>For a type, the registry tries in order:
 *
 * <ol>
 *   <li>a coder registered for exactly that type ({@link #registerCoderForType});
 *   <li>a coder registered for its class ({@link #registerCoderForClass}); the default registry
 *       has coders for {@code String}, the boxed and primitive numbers, {@code Boolean}, {@code
 *       byte[]}, {@code BigInteger}, {@code BigDecimal}, {@code Void}, {@code Instant} and {@code
 *       Duration};
 *   <li>registered {@link CoderProvider}s, the most recently registered first;
 *   <li>a {@link DefaultCoder} annotation on the class;
 *   <li>structural inference from the component types: {@code KV}, {@code List}/{@code
 *       Collection}, {@code Iterable}, {@code Set}, {@code Map}, {@code Optional}, enums ({@link
 *       EnumCoder}) and records ({@link RecordCoder}), recursively.
 * </ol>
 *
 * <p>Anything else fails with a {@link CannotProvideCoderException} naming the type, the component
 * that has no coder, and how to fix it. Java serialization is never chosen automatically.
 *
 * <p>Registrations should happen while building the pipeline; the registry is safe to read from
 * several threads.
 */
public final class CoderRegistry {
  private static final String HINT =
      "To fix it, call .setCoder(...) on the PCollection, register a coder with"
          + " pipeline.getCoderRegistry().registerCoderForClass(...), make the class a record, or"
          + " annotate it with @DefaultCoder(JsonCoder.class).";

  private final Map<TypeDescriptor<?>, Coder<?>> typeCoders = new ConcurrentHashMap<>();
  private final Map<Class<?>, Coder<?>> classCoders = new ConcurrentHashMap<>();
  private final List<CoderProvider> providers = new CopyOnWriteArrayList<>();

  private CoderRegistry() {}

  /** A registry with the standard coders (see the class documentation). */
  public static CoderRegistry createDefault() {
    CoderRegistry r = new CoderRegistry();
    r.standard(String.class, null, StringUtf8Coder.of());
    r.standard(Integer.class, int.class, VarIntCoder.of());
    r.standard(Long.class, long.class, VarLongCoder.of());
    r.standard(Short.class, short.class, ShortCoder.of());
    r.standard(Byte.class, byte.class, ByteCoder.of());
    r.standard(Boolean.class, boolean.class, BooleanCoder.of());
    r.standard(Double.class, double.class, DoubleCoder.of());
    r.standard(Float.class, float.class, FloatCoder.of());
    r.standard(Void.class, void.class, VoidCoder.of());
    r.standard(byte[].class, null, ByteArrayCoder.of());
    r.standard(BigInteger.class, null, BigIntegerCoder.of());
    r.standard(BigDecimal.class, null, BigDecimalCoder.of());
    r.standard(Instant.class, null, InstantCoder.of());
    r.standard(Duration.class, null, DurationCoder.of());
    return r;
  }

  private <T> void standard(Class<T> boxed, Class<?> primitive, Coder<T> coder) {
    classCoders.put(boxed, coder);
    if (primitive != null) {
      classCoders.put(primitive, coder);
    }
  }

  /**
   * Uses {@code coder} for values of {@code clazz} (and for any parameterisation of it, if it is
   * generic), replacing any earlier registration.
   */
  public <T> void registerCoderForClass(Class<T> clazz, Coder<T> coder) {
    Preconditions.checkNotNull(clazz, "clazz");
    Preconditions.checkNotNull(coder, "coder");
    classCoders.put(clazz, coder);
  }

  /** Uses {@code coder} for exactly the type {@code type}, replacing any earlier registration. */
  public <T> void registerCoderForType(TypeDescriptor<T> type, Coder<T> coder) {
    Preconditions.checkNotNull(type, "type");
    Preconditions.checkNotNull(coder, "coder");
    typeCoders.put(type, coder);
  }

  /** Adds a provider, consulted before the providers registered earlier. */
  public void registerCoderProvider(CoderProvider provider) {
    Preconditions.checkNotNull(provider, "provider");
    providers.add(0, provider);
  }

  /**
   * The coder for values of {@code clazz}.
   *
   * @throws CannotProvideCoderException naming the class and how to fix it
   */
  public <T> Coder<T> getCoder(Class<T> clazz) throws CannotProvideCoderException {
    Preconditions.checkNotNull(clazz, "clazz");
    return getCoder(TypeDescriptor.of(clazz));
  }

  /**
   * The coder for values of {@code type}, inferring coders of generic types from their type
   * arguments.
   *
   * @throws CannotProvideCoderException naming the type, the part of it that has no coder, and
   *     how to fix it
   */
  public <T> Coder<T> getCoder(TypeDescriptor<T> type) throws CannotProvideCoderException {
    Preconditions.checkNotNull(type, "type");
    try {
      return infer(type, new ArrayDeque<>());
    } catch (CannotProvideCoderException e) {
      throw new CannotProvideCoderException(
          "Cannot provide a coder for " + type + ": " + e.getMessage() + ". " + HINT, e);
    }
  }

  /** The record coder of {@code type} with inferred component coders; for RecordCoder.of. */
  <T> RecordCoder<T> inferRecordCoder(TypeDescriptor<T> type) throws CannotProvideCoderException {
    try {
      return StandardCoders.recordCoder(this, type, new ArrayDeque<>());
    } catch (CannotProvideCoderException e) {
      throw new CannotProvideCoderException(
          "Cannot provide a coder for " + type + ": " + e.getMessage() + ". " + HINT, e);
    }
  }

  /**
   * Infers a coder; failures carry only the reason (no hint), so that nested failures read as one
   * sentence. {@code inProgress} detects recursive types.
   */
  @SuppressWarnings("unchecked")
  <T> Coder<T> infer(TypeDescriptor<T> type, Deque<TypeDescriptor<?>> inProgress)
      throws CannotProvideCoderException {
    Coder<?> exact = typeCoders.get(type);
    if (exact != null) {
      return (Coder<T>) exact;
    }
    if (type.hasUnresolvedParameters()) {
      throw new CannotProvideCoderException(
          "the type contains a type variable or wildcard, so the actual type is not known at run"
              + " time (this happens with generic classes and methods, and with lambdas whose"
              + " types are erased); declare the concrete type, e.g. with"
              + " MapElements.into(TypeDescriptors.kvs(...))");
    }
    Class<? super T> raw = type.getRawType();
    Coder<?> forClass = classCoders.get(raw);
    if (forClass != null) {
      return (Coder<T>) forClass;
    }
    if (inProgress.contains(type)) {
      throw new CannotProvideCoderException(
          "the type is recursive (it contains itself), which inference cannot handle; register a"
              + " coder for it explicitly");
    }
    inProgress.push(type);
    try {
      return inferUncached(type, raw, inProgress);
    } finally {
      inProgress.pop();
    }
  }

  private <T> Coder<T> inferUncached(
      TypeDescriptor<T> type, Class<? super T> raw, Deque<TypeDescriptor<?>> inProgress)
      throws CannotProvideCoderException {
    if (!providers.isEmpty()) {
      List<Coder<?>> components = new ArrayList<>();
      CannotProvideCoderException componentFailure = null;
      try {
        components = componentCoders(type, inProgress);
      } catch (CannotProvideCoderException e) {
        componentFailure = e;
      }
      if (componentFailure == null) {
        for (CoderProvider p : providers) {
          try {
            return p.coderFor(type, components);
          } catch (CannotProvideCoderException ignored) {
            // try the next provider
          }
        }
      }
    }
    DefaultCoder annotation = raw.getAnnotation(DefaultCoder.class);
    if (annotation != null) {
      return StandardCoders.fromAnnotation(this, type, annotation.value(), inProgress);
    }
    return StandardCoders.structural(this, type, raw, inProgress);
  }

  /** The coders of the type arguments of {@code type} (empty if it is not parameterised). */
  List<Coder<?>> componentCoders(TypeDescriptor<?> type, Deque<TypeDescriptor<?>> inProgress)
      throws CannotProvideCoderException {
    List<Coder<?>> result = new ArrayList<>();
    if (type.getType() instanceof ParameterizedType) {
      for (TypeDescriptor<?> arg : type.getTypeArguments()) {
        try {
          result.add(infer(arg, inProgress));
        } catch (CannotProvideCoderException e) {
          throw new CannotProvideCoderException(
              "no coder for its type argument " + arg + ": " + e.getMessage(), e);
        }
      }
    }
    return result;
  }
}
