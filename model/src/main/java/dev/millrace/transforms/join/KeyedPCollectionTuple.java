package dev.millrace.transforms.join;

import com.google.common.base.Preconditions;
import dev.millrace.Pipeline;
import dev.millrace.transforms.PTransform;
import dev.millrace.values.KV;
import dev.millrace.values.PCollection;
import dev.millrace.values.PInput;
import dev.millrace.values.POutput;
import dev.millrace.values.PValue;
import dev.millrace.values.TupleTag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The input of {@link CoGroupByKey}: keyed collections with the same key type, each under its own
 * {@link TupleTag}, which later retrieves that collection's values from a {@link CoGbkResult}.
 *
 * <pre>{@code
 * KeyedPCollectionTuple.of(emailsTag, emails).and(phonesTag, phones).apply(CoGroupByKey.create());
 * }</pre>
 *
 * @param <K> the key type shared by all collections
 */
public final class KeyedPCollectionTuple<K> implements PInput {
  private final Pipeline pipeline;
  private final List<TaggedKeyedPCollection<K, ?>> collections;

  private KeyedPCollectionTuple(Pipeline pipeline, List<TaggedKeyedPCollection<K, ?>> collections) {
    this.pipeline = pipeline;
    this.collections = List.copyOf(collections);
  }

  /** An empty tuple; add collections with {@link #and}. */
  public static <K> KeyedPCollectionTuple<K> empty(Pipeline pipeline) {
    return new KeyedPCollectionTuple<>(Preconditions.checkNotNull(pipeline), List.of());
  }

  /** A tuple of one keyed collection under {@code tag}. */
  public static <K, V> KeyedPCollectionTuple<K> of(TupleTag<V> tag, PCollection<KV<K, V>> pc) {
    return KeyedPCollectionTuple.<K>empty(pc.getPipeline()).and(tag, pc);
  }

  /** A tuple of one keyed collection under a tag with the given id. */
  public static <K, V> KeyedPCollectionTuple<K> of(String tagId, PCollection<KV<K, V>> pc) {
    return of(new TupleTag<V>(tagId), pc);
  }

  /** This tuple with one more keyed collection under {@code tag}. */
  public <V> KeyedPCollectionTuple<K> and(TupleTag<V> tag, PCollection<KV<K, V>> pc) {
    Preconditions.checkNotNull(tag, "tag");
    Preconditions.checkNotNull(pc, "collection");
    Preconditions.checkArgument(pc.getPipeline() == pipeline,
        "KeyedPCollectionTuple: collection %s belongs to another pipeline", pc);
    for (TaggedKeyedPCollection<K, ?> c : collections) {
      Preconditions.checkArgument(!c.tag().equals(tag),
          "KeyedPCollectionTuple: the tag '%s' is used twice; give every collection its own tag",
          tag.getId());
    }
    List<TaggedKeyedPCollection<K, ?>> copy = new ArrayList<>(collections);
    copy.add(new TaggedKeyedPCollection<>(tag, pc));
    return new KeyedPCollectionTuple<>(pipeline, copy);
  }

  /** This tuple with one more keyed collection under a tag with the given id. */
  public <V> KeyedPCollectionTuple<K> and(String tagId, PCollection<KV<K, V>> pc) {
    return and(new TupleTag<V>(tagId), pc);
  }

  /** The collections with their tags, in the order they were added. */
  public List<TaggedKeyedPCollection<K, ?>> getKeyedCollections() {
    return collections;
  }

  /** Whether the tuple holds no collection. */
  public boolean isEmpty() {
    return collections.isEmpty();
  }

  /** Applies a transform (typically {@link CoGroupByKey#create()}) to this tuple. */
  public <O extends POutput> O apply(PTransform<? super KeyedPCollectionTuple<K>, O> t) {
    return pipeline.applyTransform(this, t);
  }

  /** Applies a transform to this tuple under the given step name. */
  public <O extends POutput> O apply(
      String name, PTransform<? super KeyedPCollectionTuple<K>, O> t) {
    return pipeline.applyTransform(name, this, t);
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    Map<TupleTag<?>, PValue> map = new LinkedHashMap<>();
    for (TaggedKeyedPCollection<K, ?> c : collections) {
      map.put(c.tag(), c.collection());
    }
    return map;
  }

  /**
   * One keyed collection of the tuple with its tag.
   *
   * @param tag the tag
   * @param collection the keyed collection
   * @param <K> the key type
   * @param <V> the value type
   */
  public record TaggedKeyedPCollection<K, V>(TupleTag<V> tag, PCollection<KV<K, V>> collection) {}
}
