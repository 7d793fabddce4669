package dev.millrace.transforms;

import com.google.common.base.Preconditions;
import dev.millrace.Pipeline;
import dev.millrace.coders.CannotProvideCoderException;
import dev.millrace.coders.Coder;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.NullableCoder;
import dev.millrace.internal.InMemorySource;
import dev.millrace.values.KV;
import dev.millrace.values.PBegin;
import dev.millrace.values.PCollection;
import dev.millrace.values.TimestampedValue;
import dev.millrace.values.TypeDescriptor;
import dev.millrace.windowing.Timestamps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Creates a bounded collection from values given in the program, for tests and small inputs:
 * {@code Create.of("a", "b")}, {@code Create.of(list).withCoder(coder)},
 * {@code Create.timestamped(TimestampedValue.of(v, t), ...)}, {@code Create.empty(coder)}.
 *
 * <p>The coder is, in order: the one given with {@link Values#withCoder}, the one for the type
 * given with {@link Values#withType}, or one inferred from the classes of the values (all non-null
 * values must share a class; KV keys and values are inferred separately). The values are encoded
 * when the step is applied, so the transform holds no references to them afterwards.
 */
public final class Create {
  private Create() {}

  /** A collection of the given values. */
  @SafeVarargs
  public static <T> Values<T> of(T first, T... rest) {
    List<T> all = new ArrayList<>();
    all.add(first);
    all.addAll(Arrays.asList(rest));
    return new Values<>(all, null, null, null);
  }

  /** A collection of the given values. */
  public static <T> Values<T> of(Iterable<T> values) {
    List<T> all = new ArrayList<>();
    values.forEach(all::add);
    return new Values<>(all, null, null, null);
  }

  /** An empty collection with the given coder. */
  public static <T> Values<T> empty(Coder<T> coder) {
    return new Values<>(List.of(), null, coder, null);
  }

  /** A collection of values with explicit event timestamps. */
  @SafeVarargs
  public static <T> Values<T> timestamped(TimestampedValue<T>... values) {
    return timestamped(Arrays.asList(values));
  }

  /** A collection of values with explicit event timestamps. */
  public static <T> Values<T> timestamped(Iterable<TimestampedValue<T>> values) {
    List<T> all = new ArrayList<>();
    List<Long> ts = new ArrayList<>();
    for (TimestampedValue<T> tv : values) {
      all.add(tv.value());
      ts.add(Timestamps.toMillis(tv.timestamp()));
    }
    return new Values<>(all, ts.stream().mapToLong(Long::longValue).toArray(), null, null);
  }

  /** The transform built by {@link Create}. */
  public static final class Values<T> extends PTransform<PBegin, PCollection<T>> {
    private final List<T> values;
    private final long[] timestamps;
    private final Coder<T> coder;
    private final TypeDescriptor<T> type;

    Values(List<T> values, long[] timestamps, Coder<T> coder, TypeDescriptor<T> type) {
      super("Create.Values");
      this.values = values;
      this.timestamps = timestamps;
      this.coder = coder;
      this.type = type;
    }

    /** Uses the given coder for the values. */
    public Values<T> withCoder(Coder<T> newCoder) {
      return new Values<>(values, timestamps, Preconditions.checkNotNull(newCoder), type);
    }

    /** Infers the coder from the given type instead of the values' classes. */
    public Values<T> withType(TypeDescriptor<T> newType) {
      return new Values<>(values, timestamps, coder, Preconditions.checkNotNull(newType));
    }

    @Override
    public PCollection<T> expand(PBegin input) {
      Coder<T> c = resolveCoder(input.getPipeline());
      PCollection<T> out = input.apply("Read", Read.from(InMemorySource.of(values, timestamps, c)));
      return out;
    }

    private Coder<T> resolveCoder(Pipeline p) {
      if (coder != null) {
        return coder;
      }
      try {
        if (type != null) {
          return p.getCoderRegistry().getCoder(type);
        }
        return inferFromValues(p);
      } catch (CannotProvideCoderException e) {
        throw new IllegalArgumentException(
            "Create in step '" + p.currentStepName() + "' cannot infer a coder for its values: "
                + e.getMessage() + " Use Create.of(...).withCoder(coder).", e);
      }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Coder<T> inferFromValues(Pipeline p) throws CannotProvideCoderException {
      if (values.isEmpty()) {
        throw new IllegalArgumentException(
            "Create in step '" + p.currentStepName() + "' has no values, so no coder can be "
                + "inferred. Use Create.empty(coder) or .withCoder(coder).");
      }
      boolean nulls = values.contains(null);
      Set<Class<?>> classes = new LinkedHashSet<>();
      for (T v : values) {
        if (v != null) {
          classes.add(v.getClass());
        }
      }
      if (classes.isEmpty()) {
        throw new IllegalArgumentException(
            "Create in step '" + p.currentStepName() + "' has only null values; give a coder "
                + "with .withCoder(NullableCoder.of(...)).");
      }
      if (classes.size() > 1) {
        throw new IllegalArgumentException(
            "Create in step '" + p.currentStepName() + "' has values of different classes "
                + classes + ", so no single coder can be inferred. Use .withCoder(coder) or "
                + ".withType(new TypeDescriptor<...>() {}).");
      }
      Class<?> cls = classes.iterator().next();
      Coder c;
      if (KV.class.equals(cls)) {
        List<Object> keys = new ArrayList<>();
        List<Object> vals = new ArrayList<>();
        for (T v : values) {
          if (v != null) {
            keys.add(((KV<?, ?>) v).getKey());
            vals.add(((KV<?, ?>) v).getValue());
          }
        }
        c = KvCoder.of(componentCoder(p, keys, "keys"), componentCoder(p, vals, "values"));
      } else {
        c = p.getCoderRegistry().getCoder(cls);
      }
      return nulls ? NullableCoder.of(c) : c;
    }

    private Coder<?> componentCoder(Pipeline p, List<Object> items, String what)
        throws CannotProvideCoderException {
      Set<Class<?>> classes = new LinkedHashSet<>();
      boolean nulls = false;
      for (Object o : items) {
        if (o == null) {
          nulls = true;
        } else {
          classes.add(o.getClass());
        }
      }
      if (classes.size() != 1) {
        throw new IllegalArgumentException(
            "Create in step '" + p.currentStepName() + "' cannot infer a coder for the KV "
                + what + " (classes " + classes + "). Use .withCoder(KvCoder.of(...)).");
      }
      @SuppressWarnings({"unchecked", "rawtypes"})
      Coder c = p.getCoderRegistry().getCoder((Class) classes.iterator().next());
      return nulls ? NullableCoder.of(c) : c;
    }
  }
}
