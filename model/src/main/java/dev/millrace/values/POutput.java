package dev.millrace.values;

import dev.millrace.Pipeline;
import java.util.Map;

/** Something a {@link dev.millrace.transforms.PTransform} produces. */
public interface POutput {
  /** The pipeline this output belongs to. */
  Pipeline getPipeline();

  /** The collections (and views) this output is made of, by tag. */
  Map<TupleTag<?>, PValue> expand();
}
