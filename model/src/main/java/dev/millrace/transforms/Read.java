package dev.millrace.transforms;

import com.google.common.base.Preconditions;
import dev.millrace.internal.SerializableCheck;
import dev.millrace.sources.BoundedSource;
import dev.millrace.values.PBegin;
import dev.millrace.values.PCollection;
import dev.millrace.windowing.WindowingStrategy;

/**
 * The root primitive that reads a source into a collection: {@code p.apply(Read.from(source))}.
 * A bounded source gives a bounded collection in the global window.
 */
public final class Read {
  private Read() {}

  /** Reads the given bounded source. */
  public static <T> Bounded<T> from(BoundedSource<T> source) {
    Preconditions.checkNotNull(source, "Read.from(null)");
    return new Bounded<>(source);
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
}
