package dev.millrace.values;

import dev.millrace.Pipeline;
import dev.millrace.transforms.PTransform;
import java.util.Map;

/** The input of root transforms such as reads and {@code Create}: the pipeline itself. */
public final class PBegin implements PInput {
  private final Pipeline pipeline;

  private PBegin(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  /** The beginning of the given pipeline. */
  public static PBegin in(Pipeline pipeline) {
    return new PBegin(pipeline);
  }

  /** Applies a root transform. */
  public <OutputT extends POutput> OutputT apply(PTransform<? super PBegin, OutputT> t) {
    return pipeline.applyTransform(this, t);
  }

  /** Applies a root transform under the given step name. */
  public <OutputT extends POutput> OutputT apply(String name, PTransform<? super PBegin, OutputT> t) {
    return pipeline.applyTransform(name, this, t);
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of();
  }
}
