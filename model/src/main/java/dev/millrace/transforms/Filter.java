package dev.millrace.transforms;

import com.google.common.base.Preconditions;
import dev.millrace.internal.SerializableCheck;
import dev.millrace.internal.Truncate;
import dev.millrace.values.PCollection;

/**
 * Keeps the elements that satisfy a predicate, dropping the others; the output has the input's
 * coder and windows.
 *
 * <pre>{@code
 * PCollection<String> nonEmpty = words.apply(Filter.by(w -> !w.isEmpty()));
 * PCollection<Integer> small = numbers.apply(Filter.lessThan(10));
 * }</pre>
 *
 * <p>A predicate that returns null for an element fails the pipeline, naming the element.
 *
 * @param <T> the element type
 */
public final class Filter<T> extends PTransform<PCollection<T>, PCollection<T>> {
  private final SerializableFunction<T, Boolean> predicate;
  private final String description;

  private Filter(SerializableFunction<T, Boolean> predicate, String description) {
    super("Filter");
    this.predicate = Preconditions.checkNotNull(predicate, "Filter.by(null): a predicate is required");
    this.description = description;
  }

  /** Keeps the elements for which {@code predicate} returns true. */
  public static <T> Filter<T> by(SerializableFunction<T, Boolean> predicate) {
    return new Filter<>(predicate, "by(predicate)");
  }

  /** Keeps the elements less than {@code value}. */
  public static <T extends Comparable<? super T>> Filter<T> lessThan(T value) {
    checkBound(value);
    return new Filter<>(e -> e.compareTo(value) < 0, "lessThan(" + value + ")");
  }

  /** Keeps the elements less than or equal to {@code value}. */
  public static <T extends Comparable<? super T>> Filter<T> lessThanEq(T value) {
    checkBound(value);
    return new Filter<>(e -> e.compareTo(value) <= 0, "lessThanEq(" + value + ")");
  }

  /** Keeps the elements greater than {@code value}. */
  public static <T extends Comparable<? super T>> Filter<T> greaterThan(T value) {
    checkBound(value);
    return new Filter<>(e -> e.compareTo(value) > 0, "greaterThan(" + value + ")");
  }

  /** Keeps the elements greater than or equal to {@code value}. */
  public static <T extends Comparable<? super T>> Filter<T> greaterThanEq(T value) {
    checkBound(value);
    return new Filter<>(e -> e.compareTo(value) >= 0, "greaterThanEq(" + value + ")");
  }

  /** Keeps the elements that compare equal to {@code value}. */
  public static <T extends Comparable<? super T>> Filter<T> equal(T value) {
    checkBound(value);
    return new Filter<>(e -> e.compareTo(value) == 0, "equal(" + value + ")");
  }

  private static void checkBound(Object value) {
    Preconditions.checkNotNull(value, "the value a Filter compares with must not be null");
  }

  /** The predicate. */
  public SerializableFunction<T, Boolean> getPredicate() {
    return predicate;
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    SerializableCheck.check(
        predicate, "the predicate of step '" + input.getPipeline().currentStepName() + "'");
    PCollection<T> out = input.apply("Filter", ParDo.of(new FilterFn<>(predicate)));
    out.setTypeDescriptor(input.getTypeDescriptor());
    return out.setCoder(input.getCoder());
  }

  @Override
  public String toString() {
    return "Filter." + description;
  }

  /** The DoFn behind {@link Filter}. */
  private static final class FilterFn<T> extends DoFn<T, T> {
    private final SerializableFunction<T, Boolean> predicate;

    FilterFn(SerializableFunction<T, Boolean> predicate) {
      this.predicate = predicate;
    }

    @Override
    public void processElement(ProcessContext c) {
      Boolean keep = predicate.apply(c.element());
      if (keep == null) {
        throw new IllegalStateException("The predicate of Filter returned null for element "
            + Truncate.toString(c.element()) + "; it must return true or false");
      }
      if (keep) {
        c.output(c.element());
      }
    }
  }
}
