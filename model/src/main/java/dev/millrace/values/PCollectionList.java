package dev.millrace.values;

import com.google.common.base.Preconditions;
import dev.millrace.Pipeline;
import dev.millrace.transforms.PTransform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable list of {@link PCollection}s of the same element type: the input of
 * {@code Flatten.pCollections()} and the output of {@code Partition}.
 */
public final class PCollectionList<T> implements PInput, POutput {
  private final Pipeline pipeline;
  private final List<PCollection<T>> collections;

  private PCollectionList(Pipeline pipeline, List<PCollection<T>> collections) {
    this.pipeline = pipeline;
    this.collections = List.copyOf(collections);
  }

  /** An empty list. */
  public static <T> PCollectionList<T> empty(Pipeline pipeline) {
    return new PCollectionList<>(pipeline, List.of());
  }

  /** A list of one collection. */
  public static <T> PCollectionList<T> of(PCollection<T> pc) {
    return PCollectionList.<T>empty(pc.getPipeline()).and(pc);
  }

  /** A list of the given collections (at least one). */
  public static <T> PCollectionList<T> of(Iterable<PCollection<T>> pcs) {
    List<PCollection<T>> list = new ArrayList<>();
    pcs.forEach(list::add);
    Preconditions.checkArgument(!list.isEmpty(), "PCollectionList.of needs at least one collection");
    return new PCollectionList<>(list.get(0).getPipeline(), list);
  }

  /** This list with one more collection. */
  public PCollectionList<T> and(PCollection<T> pc) {
    Preconditions.checkArgument(pc.getPipeline() == pipeline, "collections of different pipelines");
    List<PCollection<T>> copy = new ArrayList<>(collections);
    copy.add(pc);
    return new PCollectionList<>(pipeline, copy);
  }

  public PCollection<T> get(int index) {
    return collections.get(index);
  }

  public int size() {
    return collections.size();
  }

  public List<PCollection<T>> getAll() {
    return collections;
  }

  /** Applies a transform to the list. */
  public <OutputT extends POutput> OutputT apply(PTransform<? super PCollectionList<T>, OutputT> t) {
    return pipeline.applyTransform(this, t);
  }

  /** Applies a transform to the list under the given step name. */
  public <OutputT extends POutput> OutputT apply(
      String name, PTransform<? super PCollectionList<T>, OutputT> t) {
    return pipeline.applyTransform(name, this, t);
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    Map<TupleTag<?>, PValue> map = new LinkedHashMap<>();
    for (int i = 0; i < collections.size(); i++) {
      map.put(new TupleTag<>("in" + i), collections.get(i));
    }
    return map;
  }
}
