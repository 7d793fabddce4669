package dev.millrace.transforms;

import com.google.common.base.Preconditions;
import dev.millrace.Pipeline;
import dev.millrace.coders.CannotProvideCoderException;
import dev.millrace.coders.Coder;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.VoidCoder;
import dev.millrace.internal.SerializableCheck;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.TypeDescriptor;
import dev.millrace.values.TypeDescriptors;

/**
 * Pairs every element with a key, computed by a function or fixed, turning a {@code
 * PCollection<V>} into a {@code PCollection<KV<K, V>>}:
 *
 * <pre>{@code
 * PCollection<KV<Integer, String>> byLength =
 *     words.apply(WithKeys.of((String w) -> w.length()).withKeyType(TypeDescriptors.integers()));
 * PCollection<KV<String, String>> constant = words.apply(WithKeys.of("all"));
 * }</pre>
 *
 * <p>The key coder comes from, in order: {@link #withKeyType}, the output type of a {@link
 * SimpleFunction}, the class of a constant key (a null constant key gets {@code VoidCoder}). A
 * lambda without {@code withKeyType} leaves the key type unknown, and using the output fails with
 * a message saying to add it. The value coder is the input's coder.
 *
 * @param <K> the key type
 * @param <V> the element (value) type
 */
public final class WithKeys<K, V> extends PTransform<PCollection<V>, PCollection<KV<K, V>>> {
  private final SerializableFunction<V, K> fn;
  private final boolean constant;
  private final K constantKey;
  private final TypeDescriptor<K> keyType;

  private WithKeys(
      SerializableFunction<V, K> fn, boolean constant, K constantKey, TypeDescriptor<K> keyType) {
    super("WithKeys");
    this.fn = fn;
    this.constant = constant;
    this.constantKey = constantKey;
    this.keyType = keyType;
  }

  /** Keys every element with the result of {@code fn}. */
  public static <K, V> WithKeys<K, V> of(SerializableFunction<V, K> fn) {
    Preconditions.checkNotNull(fn, "WithKeys.of(fn): the key function must not be null; "
        + "for a null constant key use WithKeys.of((Void) null)");
    return new WithKeys<>(fn, false, null, Composites.outputTypeOf(fn));
  }

  /** Keys every element with the same key (which may be null). */
  public static <K, V> WithKeys<K, V> of(K key) {
    return new WithKeys<>(null, true, key, null);
  }

  /** Declares the key type, from which the key coder is inferred. */
  public WithKeys<K, V> withKeyType(TypeDescriptor<K> type) {
    Preconditions.checkNotNull(type, "withKeyType(null)");
    return new WithKeys<>(fn, constant, constantKey, type);
  }

  @Override
  public PCollection<KV<K, V>> expand(PCollection<V> input) {
    Pipeline p = input.getPipeline();
    String step = p.currentStepName();
    SerializableFunction<V, K> keyFn;
    if (constant) {
      K key = constantKey;
      keyFn = v -> key;
      SerializableCheck.check(keyFn, "the constant key " + key + " of step '" + step + "'");
    } else {
      keyFn = fn;
      SerializableCheck.check(keyFn, "the key function of step '" + step + "'");
    }
    PCollection<KV<K, V>> out = input.apply("AddKeys", ParDo.of(new AddKeysFn<>(keyFn)));
    TypeDescriptor<V> valueType = input.getTypeDescriptor();
    if (keyType != null && valueType != null) {
      out.setTypeDescriptor(TypeDescriptors.kvs(keyType, valueType));
    }
    out.setCoderInference(() -> KvCoder.of(keyCoder(p, step), input.getCoder()));
    return out;
  }

  @SuppressWarnings("unchecked")
  private Coder<K> keyCoder(Pipeline p, String step) {
    try {
      if (keyType != null) {
        return p.getCoderRegistry().getCoder(keyType);
      }
      if (constant) {
        return constantKey == null
            ? (Coder<K>) (Coder<?>) VoidCoder.of()
            : p.getCoderRegistry().getCoder((Class<K>) constantKey.getClass());
      }
    } catch (CannotProvideCoderException e) {
      throw new PCollection.CoderInferenceException(
          "no coder for the keys of step '" + step + "': " + e.getMessage()
              + "; declare the key type with .withKeyType(...) or set a coder", e);
    }
    throw new PCollection.CoderInferenceException(
        "the key type of step '" + step + "' is not known (Java erases the types of lambdas). "
            + "Declare it with WithKeys.of(fn).withKeyType(TypeDescriptors.xxx()), e.g. "
            + ".withKeyType(TypeDescriptors.strings())", null);
  }

  /** The DoFn behind {@link WithKeys}. */
  private static final class AddKeysFn<K, V> extends DoFn<V, KV<K, V>> {
    private final SerializableFunction<V, K> fn;

    AddKeysFn(SerializableFunction<V, K> fn) {
      this.fn = fn;
    }

    @Override
    public void processElement(ProcessContext c) {
      c.output(KV.of(fn.apply(c.element()), c.element()));
    }
  }
}
