package dev.millrace.transforms;

import com.google.common.base.Preconditions;
import dev.millrace.coders.Coder;
import dev.millrace.internal.SerializableCheck;
import dev.millrace.internal.Truncate;
import dev.millrace.values.PCollection;
import dev.millrace.values.PCollectionList;
import dev.millrace.values.PCollectionTuple;
import dev.millrace.values.TupleTag;
import dev.millrace.values.TupleTagList;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a collection into a fixed number of collections: a {@link PartitionFn} picks, for every
 * element, the index of the partition it goes to. The result is a {@link PCollectionList} with
 * one collection per partition, in index order, each with the input's coder and windows.
 *
 * <pre>{@code
 * PCollectionList<Integer> parts = numbers.apply(Partition.of(3, (n, count) -> n % count));
 * PCollection<Integer> multiplesOfThree = parts.get(0);
 * }</pre>
 *
 * <p>An index outside {@code [0, numPartitions)} fails the pipeline with an error naming the
 * element, the returned index and the valid range.
 *
 * @param <T> the element type
 */
public final class Partition<T> extends PTransform<PCollection<T>, PCollectionList<T>> {

  /**
   * Chooses the partition of an element.
   *
   * @param <T> the element type
   */
  @FunctionalInterface
  public interface PartitionFn<T> extends Serializable {
    /** The partition of {@code elem}, in {@code [0, numPartitions)}. */
    int partitionFor(T elem, int numPartitions);
  }

  private final int numPartitions;
  private final PartitionFn<? super T> fn;

  private Partition(int numPartitions, PartitionFn<? super T> fn) {
    super("Partition");
    Preconditions.checkArgument(
        numPartitions > 0, "Partition needs at least one partition, got %s", numPartitions);
    this.numPartitions = numPartitions;
    this.fn = Preconditions.checkNotNull(fn, "Partition.of(n, null): a PartitionFn is required");
  }

  /** Splits into {@code numPartitions} collections by {@code fn}. */
  public static <T> Partition<T> of(int numPartitions, PartitionFn<? super T> fn) {
    return new Partition<>(numPartitions, fn);
  }

  @Override
  public PCollectionList<T> expand(PCollection<T> input) {
    SerializableCheck.check(
        fn, "the partition function of step '" + input.getPipeline().currentStepName() + "'");
    List<TupleTag<T>> tags = new ArrayList<>();
    List<TupleTag<?>> additional = new ArrayList<>();
    for (int i = 0; i < numPartitions; i++) {
      TupleTag<T> tag = new TupleTag<>("out" + i);
      tags.add(tag);
      if (i > 0) {
        additional.add(tag);
      }
    }
    PCollectionTuple outputs = input.apply(
        "ParMultiDo(Partition)",
        ParDo.of(new PartitionDoFn<T>(numPartitions, fn, tags))
            .withOutputTags(tags.get(0), TupleTagList.of(additional)));
    Coder<T> coder = input.getCoder();
    PCollectionList<T> result = PCollectionList.empty(input.getPipeline());
    for (TupleTag<T> tag : tags) {
      PCollection<T> part = outputs.get(tag);
      part.setCoder(coder);
      part.setTypeDescriptor(input.getTypeDescriptor());
      result = result.and(part);
    }
    return result;
  }

  /** Sends every element to the output its partition function chooses. */
  private static final class PartitionDoFn<T> extends DoFn<T, T> {
    private final int numPartitions;
    private final PartitionFn<? super T> fn;
    private final List<TupleTag<T>> tags;

    PartitionDoFn(int numPartitions, PartitionFn<? super T> fn, List<TupleTag<T>> tags) {
      this.numPartitions = numPartitions;
      this.fn = fn;
      this.tags = List.copyOf(tags);
    }

    @Override
    public void processElement(ProcessContext c) {
      T element = c.element();
      int index = fn.partitionFor(element, numPartitions);
      if (index < 0 || index >= numPartitions) {
        throw new IllegalArgumentException(
            "The partition function " + fn.getClass().getName() + " returned partition " + index
                + " for element " + Truncate.toString(element) + ", but the valid range is 0 to "
                + (numPartitions - 1) + " (numPartitions = " + numPartitions + "). Make it "
                + "return a value in [0, numPartitions), e.g. Math.floorMod(hash, numPartitions).");
      }
      if (index == 0) {
        c.output(element);
      } else {
        c.output(tags.get(index), element);
      }
    }
  }
}
