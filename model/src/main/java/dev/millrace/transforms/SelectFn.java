package dev.millrace.transforms;

import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderRegistry;
import dev.millrace.coders.ListCoder;
import dev.millrace.coders.NullableCoder;
import java.util.Collections;
import java.util.List;

/**
 * A CombineFn keeping the smallest (or largest) input under a comparator: behind {@link Min} and
 * {@link Max}. The accumulator is a list of zero or one element; an empty input yields null, so
 * the output coder is the input's coder made nullable.
 */
class SelectFn<T> extends CombineFn<T, List<T>, T> {
  private final SerializableComparator<? super T> comparator;
  private final boolean largest;
  private final String name;

  SelectFn(String name, SerializableComparator<? super T> comparator, boolean largest) {
    this.name = name;
    this.comparator = comparator;
    this.largest = largest;
  }

  /** Whether {@code candidate} should replace {@code current}. */
  private boolean better(T candidate, T current) {
    int c = comparator.compare(candidate, current);
    return largest ? c > 0 : c < 0;
  }

  @Override
  public List<T> createAccumulator() {
    return List.of();
  }

  @Override
  public List<T> addInput(List<T> accumulator, T input) {
    if (accumulator.isEmpty() || better(input, accumulator.get(0))) {
      return Collections.singletonList(input);
    }
    return accumulator;
  }

  @Override
  public List<T> mergeAccumulators(Iterable<List<T>> accumulators) {
    List<T> result = createAccumulator();
    for (List<T> a : accumulators) {
      if (!a.isEmpty()) {
        result = addInput(result, a.get(0));
      }
    }
    return result;
  }

  @Override
  public T extractOutput(List<T> accumulator) {
    return accumulator.isEmpty() ? null : accumulator.get(0);
  }

  @Override
  public Coder<List<T>> getAccumulatorCoder(CoderRegistry registry, Coder<T> inputCoder) {
    return ListCoder.of(inputCoder);
  }

  @Override
  public Coder<T> getDefaultOutputCoder(CoderRegistry registry, Coder<T> inputCoder) {
    return inputCoder instanceof NullableCoder<T> ? inputCoder : NullableCoder.of(inputCoder);
  }

  @Override
  public String toString() {
    return name;
  }
}
