package dev.millrace.values;

import dev.millrace.Pipeline;
import java.util.Map;

/** Something a {@link dev.millrace.transforms.PTransform} can be applied to. */
public interface PInput {
  /** The pipeline this input belongs to. */
  Pipeline getPipeline();

  /** The collections (and views) this input is made of, by tag. */
  Map<TupleTag<?>, PValue> expand();
}
