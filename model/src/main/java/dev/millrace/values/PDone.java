package dev.millrace.values;

import dev.millrace.Pipeline;
import java.util.Map;

/** The output of a sink: a step that produces no collection. */
public final class PDone implements POutput {
  private final Pipeline pipeline;

  private PDone(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  /** The end marker for the given pipeline. */
  public static PDone in(Pipeline pipeline) {
    return new PDone(pipeline);
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
