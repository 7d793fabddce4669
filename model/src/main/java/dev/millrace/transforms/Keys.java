package dev.millrace.transforms;

import dev.millrace.values.KV;
import dev.millrace.values.PCollection;

/**
 * Takes the key of every pair: a {@code PCollection<KV<K, V>>} becomes a {@code PCollection<K>}
 * with the input's key coder. Duplicates are kept (see {@link Distinct} to remove them).
 *
 * @param <K> the key type
 */
public final class Keys<K> extends PTransform<PCollection<? extends KV<K, ?>>, PCollection<K>> {
  private Keys() {
    super("Keys");
  }

  /** Takes the keys. */
  public static <K> Keys<K> create() {
    return new Keys<>();
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public PCollection<K> expand(PCollection<? extends KV<K, ?>> input) {
    PCollection<K> out = input.apply("Keys", ParDo.of(new KeyFn<K>()));
    return out.setCoder(Composites.<K, Object>kvCoderOf((PCollection) input).getKeyCoder());
  }

  /** Outputs the key of each pair. */
  private static final class KeyFn<K> extends DoFn<KV<K, ?>, K> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element().getKey());
    }
  }
}
