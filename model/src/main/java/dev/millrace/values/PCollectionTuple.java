package dev.millrace.values;

import com.google.common.base.Preconditions;
import dev.millrace.Pipeline;
import dev.millrace.transforms.PTransform;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable map from {@link TupleTag}s to {@link PCollection}s of differing element types: the
 * output of a multi-output {@code ParDo} and the input of {@code CoGroupByKey}.
 */
public final class PCollectionTuple implements PInput, POutput {
  private final Pipeline pipeline;
  private final Map<TupleTag<?>, PCollection<?>> collections;

  private PCollectionTuple(Pipeline pipeline, Map<TupleTag<?>, PCollection<?>> collections) {
    this.pipeline = pipeline;
    this.collections = Collections.unmodifiableMap(collections);
  }

  /** An empty tuple. */
  public static PCollectionTuple empty(Pipeline pipeline) {
    return new PCollectionTuple(pipeline, new LinkedHashMap<>());
  }

  /** A tuple of one collection. */
  public static <T> PCollectionTuple of(TupleTag<T> tag, PCollection<T> pc) {
    return empty(pc.getPipeline()).and(tag, pc);
  }

  /** Internal: a tuple over the given outputs. */
  public static PCollectionTuple ofAll(Pipeline pipeline, Map<TupleTag<?>, PCollection<?>> map) {
    return new PCollectionTuple(pipeline, new LinkedHashMap<>(map));
  }

  /** This tuple with one more collection. */
  public <T> PCollectionTuple and(TupleTag<T> tag, PCollection<T> pc) {
    Preconditions.checkArgument(pc.getPipeline() == pipeline, "collections of different pipelines");
    Preconditions.checkArgument(!collections.containsKey(tag), "tag %s already present", tag);
    Map<TupleTag<?>, PCollection<?>> copy = new LinkedHashMap<>(collections);
    copy.put(tag, pc);
    return new PCollectionTuple(pipeline, copy);
  }

  /** Whether the tuple has a collection for the tag. */
  public boolean has(TupleTag<?> tag) {
    return collections.containsKey(tag);
  }

  /** The collection for the tag. */
  @SuppressWarnings("unchecked")
  public <T> PCollection<T> get(TupleTag<T> tag) {
    PCollection<?> pc = collections.get(tag);
    Preconditions.checkArgument(
        pc != null, "no output for tag %s; tags present: %s", tag, collections.keySet());
    return (PCollection<T>) pc;
  }

  public Map<TupleTag<?>, PCollection<?>> getAll() {
    return collections;
  }

  /** Applies a transform to the tuple. */
  public <OutputT extends POutput> OutputT apply(PTransform<? super PCollectionTuple, OutputT> t) {
    return pipeline.applyTransform(this, t);
  }

  /** Applies a transform to the tuple under the given step name. */
  public <OutputT extends POutput> OutputT apply(
      String name, PTransform<? super PCollectionTuple, OutputT> t) {
    return pipeline.applyTransform(name, this, t);
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(collections));
  }
}
