package dev.millrace.runners;

/**
 * Walks the pipeline graph in application (topological) order. A runner may skip a composite's
 * expansion (for example to execute {@code Combine.perKey} as a lifted combine) by returning
 * {@link CompositeBehavior#DO_NOT_ENTER_TRANSFORM}.
 */
public interface PipelineVisitor {
  /** What to do with a composite's children. */
  enum CompositeBehavior {
    ENTER_TRANSFORM,
    DO_NOT_ENTER_TRANSFORM
  }

  /** Called before a composite's children. */
  default CompositeBehavior enterCompositeTransform(TransformNode node) {
    return CompositeBehavior.ENTER_TRANSFORM;
  }

  /** Called after a composite's children (also when they were skipped). */
  default void leaveCompositeTransform(TransformNode node) {}

  /** Called for each primitive step. */
  void visitPrimitiveTransform(TransformNode node);
}
