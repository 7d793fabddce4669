package dev.millrace.transforms;

import com.google.common.base.Preconditions;
import dev.millrace.internal.SerializableCheck;
import dev.millrace.sources.BoundedSource;
import dev.millrace.sources.UnboundedSource;
import dev.millrace.values.PBegin;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.WindowingStrategy;

/**
 * The root primitive that reads a source into a collection: {@code p.apply(Read.from(source))}.
 * A {@link BoundedSource} gives a bounded collection, an {@link UnboundedSource} an unbounded
 * one; both are in the global window with the source's output coder, and the elements carry the
 * timestamps the source's reader reports.
 */
public final class Read {
  private Read() {}

  /** Reads the given bounded source. */
  public static <T> Bounded<T> from(BoundedSource<T> source) {
    Preconditions.checkNotNull(source, "Read.from(null)");
    return new Bounded<>(source);
  }

  /**
   * Reads the given unbounded source. The output is unbounded: group it only after windowing it
   * or setting a trigger.
   */
  public static <T> Unbounded<T> from(UnboundedSource<T, ?> source) {
    Preconditions.checkNotNull(source, "Read.from(null)");
    return new Unbounded<>(source);
  }

  /** Reading a bounded source. */
  public static final class Bounded<T> extends PTransform<PBegin, PCollection<T>> {
    private final BoundedSource<T> source;

    Bounded(BoundedSource<T> source) {
      super("Read(" + source + ")");
      this.source = source;
    }

    public BoundedSource<T> getSource() {
      return source;
    }

    @Override
    public PCollection<T> expand(PBegin input) {
      SerializableCheck.check(source, "the source " + source.getClass().getName() + " of step '"
          + input.getPipeline().currentStepName() + "'");
      source.validate();
      return PCollection.createPrimitiveOutputInternal(
          input.getPipeline(),
          WindowingStrategy.globalDefault(),
          PCollection.IsBounded.BOUNDED,
          source.getOutputCoder());
    }
  }

  /**
   * Reading an unbounded source: a primitive that runners execute by splitting the source and
   * polling a reader per split, checkpointing the readers' marks (see {@link UnboundedSource}).
   */
  public static final class Unbounded<T> extends PTransform<PBegin, PCollection<T>> {
    private final UnboundedSource<T, ?> source;

    Unbounded(UnboundedSource<T, ?> source) {
      super("Read(" + source + ")");
      this.source = source;
    }

    public UnboundedSource<T, ?> getSource() {
      return source;
    }

    @Override
    public PCollection<T> expand(PBegin input) {
      SerializableCheck.check(source, "the source " + source.getClass().getName() + " of step '"
          + input.getPipeline().currentStepName() + "'");
      source.validate();
      return PCollection.createPrimitiveOutputInternal(
          input.getPipeline(),
          WindowingStrategy.globalDefault(),
          PCollection.IsBounded.UNBOUNDED,
          source.getOutputCoder());
    }
  }
}
