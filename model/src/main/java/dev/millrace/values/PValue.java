package dev.millrace.values;

/** A single value in the pipeline graph: a {@link PCollection} or a {@link PCollectionView}. */
public interface PValue extends PInput, POutput {
  /** The value's unique name, derived from the step that produced it. */
  String getName();
}
