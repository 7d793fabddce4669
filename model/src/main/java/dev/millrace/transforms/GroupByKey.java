package dev.millrace.transforms;

import dev.millrace.coders.Coder;
import dev.millrace.coders.IterableCoder;
import dev.millrace.coders.KvCoder;
import dev.millrace.coders.NonDeterministicException;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.WindowingStrategy;

/**
 * The grouping primitive: turns a collection of key/value pairs into one pair per key and window
 * holding every value of that key in that window, emitted in panes as the windowing strategy's
 * trigger fires.
 *
 * <p>Checked when applied: the input's coder must be a {@code KvCoder} whose key coder is
 * deterministic (equal keys must encode to equal bytes, since runners group by encoded key), and
 * the windowing strategy must be valid for grouping (for example, an unbounded input in the
 * global window needs a trigger).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class GroupByKey<K, V>
    extends PTransform<PCollection<KV<K, V>>, PCollection<KV<K, Iterable<V>>>> {

  private GroupByKey() {}

  /** Groups by key. */
  public static <K, V> GroupByKey<K, V> create() {
    return new GroupByKey<>();
  }

  @Override
  public PCollection<KV<K, Iterable<V>>> expand(PCollection<KV<K, V>> input) {
    String step = input.getPipeline().currentStepName();
    KvCoder<K, V> kvCoder = kvCoderOf(input, step);
    checkDeterministicKey(kvCoder.getKeyCoder(), step, input.getName());
    WindowingStrategy strategy = input.getWindowingStrategy();
    // An input that is known to end (bounded, or scripted like a TestStream) may be grouped in
    // the global window with the default trigger: one pane fires when it ends.
    strategy.validateForGrouping(!input.isFinite(), step);
    return PCollection.createPrimitiveOutputInternal(
            input.getPipeline(),
            strategy.continuation(),
            input.isBounded(),
            KvCoder.of(kvCoder.getKeyCoder(), IterableCoder.of(kvCoder.getValueCoder())))
        .markFiniteInternal(input.isFinite());
  }

  /** The input's KvCoder, or a clear error naming the step. */
  static <K, V> KvCoder<K, V> kvCoderOf(PCollection<KV<K, V>> input, String step) {
    Coder<KV<K, V>> coder = input.getCoder();
    if (!(coder instanceof KvCoder<K, V> kv)) {
      throw new IllegalStateException(
          "Step '" + step + "' groups by key, so its input '" + input.getName()
              + "' must be a PCollection of KV with a KvCoder, but its coder is " + coder
              + ". Set one with .setCoder(KvCoder.of(keyCoder, valueCoder)).");
    }
    return kv;
  }

  /** Fails with a fix-it message when the key coder is not deterministic. */
  static void checkDeterministicKey(Coder<?> keyCoder, String step, String inputName) {
    try {
      keyCoder.verifyDeterministic();
    } catch (NonDeterministicException e) {
      throw new IllegalStateException(
          "Step '" + step + "' groups '" + inputName + "' by key, but the key coder " + keyCoder
              + " is not deterministic (" + e.getMessage() + "). Equal keys must encode to "
              + "equal bytes: use a key type with a deterministic coder (String, Long, Integer, "
              + "a record of such, ...) or set a deterministic coder for the keys.", e);
    }
  }
}
