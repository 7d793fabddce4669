package dev.millrace.transforms;

import dev.millrace.coders.KvCoder;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;

/**
 * Swaps key and value of every pair: {@code KV<K, V>} becomes {@code KV<V, K>}, with the coders
 * swapped too.
 *
 * @param <K> the input key type
 * @param <V> the input value type
 */
public final class KvSwap<K, V> extends PTransform<PCollection<KV<K, V>>, PCollection<KV<V, K>>> {
  private KvSwap() {
    super("KvSwap");
  }

  /** Swaps keys and values. */
  public static <K, V> KvSwap<K, V> create() {
    return new KvSwap<>();
  }

  @Override
  public PCollection<KV<V, K>> expand(PCollection<KV<K, V>> input) {
    KvCoder<K, V> in = Composites.kvCoderOf(input);
    PCollection<KV<V, K>> out = input.apply("KvSwap", ParDo.of(new SwapFn<K, V>()));
    return out.setCoder(KvCoder.of(in.getValueCoder(), in.getKeyCoder()));
  }

  /** Swaps each pair. */
  private static final class SwapFn<K, V> extends DoFn<KV<K, V>, KV<V, K>> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(KV.of(c.element().getValue(), c.element().getKey()));
    }
  }
}
