package dev.millrace.transforms.join;

import com.google.common.base.Preconditions;
import dev.millrace.coders.Coder;
import dev.millrace.coders.KvCoder;
import dev.millrace.transforms.DoFn;
import dev.millrace.transforms.Flatten;
import dev.millrace.transforms.GroupByKey;
import dev.millrace.transforms.PTransform;
import dev.millrace.transforms.ParDo;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionList;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups several keyed collections by key at once (a relational join's building block): for
 * every key (and window) present in any input, one {@code KV<K, CoGbkResult>} holding that key's
 * values from each input, retrieved by the input's tag.
 *
 * <pre>{@code
 * TupleTag<String> emailsTag = new TupleTag<>();
 * TupleTag<String> phonesTag = new TupleTag<>();
 * PCollection<KV<String, CoGbkResult>> joined = KeyedPCollectionTuple
 *     .of(emailsTag, emails)
 *     .and(phonesTag, phones)
 *     .apply(CoGroupByKey.create());
 * }</pre>
 *
 * <p>All inputs must have equal, deterministic key coders and compatible windowing. It is a
 * composite: each input's values are tagged with the input's index, the tagged collections are
 * flattened and grouped by key, and each group is split back by tag.
 *
 * @param <K> the key type
 */
public final class CoGroupByKey<K>
    extends PTransform<KeyedPCollectionTuple<K>, PCollection<KV<K, CoGbkResult>>> {

  private CoGroupByKey() {
    super("CoGroupByKey");
  }

  /** Groups the tuple's collections by key. */
  public static <K> CoGroupByKey<K> create() {
    return new CoGroupByKey<>();
  }

  @Override
  public PCollection<KV<K, CoGbkResult>> expand(KeyedPCollectionTuple<K> input) {
    String step = input.getPipeline().currentStepName();
    Preconditions.checkArgument(!input.isEmpty(),
        "Step '%s': CoGroupByKey needs at least one collection in its KeyedPCollectionTuple", step);
    List<KeyedPCollectionTuple.TaggedKeyedPCollection<K, ?>> inputs = input.getKeyedCollections();
    Coder<K> keyCoder = null;
    List<String> tagIds = new ArrayList<>();
    List<Coder<?>> valueCoders = new ArrayList<>();
    for (KeyedPCollectionTuple.TaggedKeyedPCollection<K, ?> in : inputs) {
      KvCoder<K, ?> kv = kvCoder(in.collection(), step);
      if (keyCoder == null) {
        keyCoder = kv.getKeyCoder();
      } else if (!keyCoder.equals(kv.getKeyCoder())) {
        throw new IllegalStateException("Step '" + step + "': the inputs of CoGroupByKey must "
            + "have equal key coders, but '" + inputs.get(0).collection().getName() + "' has "
            + keyCoder + " and '" + in.collection().getName() + "' has " + kv.getKeyCoder()
            + ". Set the same key coder on every input.");
      }
      tagIds.add(in.tag().getId());
      valueCoders.add(kv.getValueCoder());
    }
    UnionCoder unionCoder = new UnionCoder(valueCoders);
    List<PCollection<KV<K, RawUnionValue>>> tagged = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      tagged.add(makeUnionTable(inputs.get(i).collection(), i, keyCoder, unionCoder));
    }
    PCollection<KV<K, Iterable<RawUnionValue>>> grouped = PCollectionList.of(tagged)
        .apply("Flatten", Flatten.pCollections())
        .apply("GroupByKey", GroupByKey.create());
    PCollection<KV<K, CoGbkResult>> out =
        grouped.apply("ConstructCoGbkResult", ParDo.of(new ConstructFn<K>(tagIds)));
    return out.setCoder(KvCoder.of(keyCoder, CoGbkResultCoder.of(tagIds, valueCoders)));
  }

  @SuppressWarnings("unchecked")
  private static <K> KvCoder<K, ?> kvCoder(PCollection<? extends KV<K, ?>> pc, String step) {
    Coder<?> coder = pc.getCoder();
    if (!(coder instanceof KvCoder<?, ?> kv)) {
      throw new IllegalStateException("Step '" + step + "': the CoGroupByKey input '"
          + pc.getName() + "' must be a PCollection of KV with a KvCoder, but its coder is "
          + coder + ". Set one with .setCoder(KvCoder.of(keyCoder, valueCoder)).");
    }
    return (KvCoder<K, ?>) kv;
  }

  private static <K, V> PCollection<KV<K, RawUnionValue>> makeUnionTable(
      PCollection<KV<K, V>> pc, int index, Coder<K> keyCoder, UnionCoder unionCoder) {
    PCollection<KV<K, RawUnionValue>> out =
        pc.apply("MakeUnionTable" + index, ParDo.of(new TagFn<K, V>(index)));
    return out.setCoder(KvCoder.of(keyCoder, unionCoder));
  }

  /** Tags each value with its input's index. */
  private static final class TagFn<K, V> extends DoFn<KV<K, V>, KV<K, RawUnionValue>> {
    private final int index;

    TagFn(int index) {
      this.index = index;
    }

    @Override
    public void processElement(ProcessContext c) {
      c.output(KV.of(c.element().getKey(), new RawUnionValue(index, c.element().getValue())));
    }
  }

  /** Splits a group of tagged values back into one list per input. */
  private static final class ConstructFn<K>
      extends DoFn<KV<K, Iterable<RawUnionValue>>, KV<K, CoGbkResult>> {
    private final List<String> tagIds;

    ConstructFn(List<String> tagIds) {
      this.tagIds = List.copyOf(tagIds);
    }

    @Override
    public void processElement(ProcessContext c) {
      List<List<Object>> lists = new ArrayList<>(tagIds.size());
      for (int i = 0; i < tagIds.size(); i++) {
        lists.add(new ArrayList<>());
      }
      for (RawUnionValue v : c.element().getValue()) {
        lists.get(v.unionTag()).add(v.value());
      }
      c.output(KV.of(c.element().getKey(), CoGbkResult.fromLists(tagIds, lists)));
    }
  }
}
