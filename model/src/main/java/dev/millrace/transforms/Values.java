package dev.millrace.transforms;

import dev.millrace.values.KV;
import dev.millrace.values.PCollection;

/**
 * Takes the value of every pair: a {@code PCollection<KV<K, V>>} becomes a {@code
 * PCollection<V>} with the input's value coder.
 *
 * @param <V> the value type
 */
public final class Values<V> extends PTransform<PCollection<? extends KV<?, V>>, PCollection<V>> {
  private Values() {
    super("Values");
  }

  /** Takes the values. */
  public static <V> Values<V> create() {
    return new Values<>();
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public PCollection<V> expand(PCollection<? extends KV<?, V>> input) {
    PCollection<V> out = input.apply("Values", ParDo.of(new ValueFn<V>()));
    return out.setCoder(Composites.<Object, V>kvCoderOf((PCollection) input).getValueCoder());
  }

  /** Outputs the value of each pair. */
  private static final class ValueFn<V> extends DoFn<KV<?, V>, V> {
    @Override
    public void processElement(ProcessContext c) {
      c.output(c.element().getValue());
    }
  }
}
