package dev.millrace.runners.direct;

import dev.millrace.runners.core.execution.PartitionedInbox;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * What the batch groupings share: input partitioned by key, and a single firing once the input
 * is complete (watermark at the end of time), one task per partition.
 */
abstract class BatchKeyedBoundary implements Boundary {
  protected final PartitionedInbox inbox;

  BatchKeyedBoundary(int partitions) {
    this.inbox = new PartitionedInbox(partitions);
  }

  /** Emits the results of one partition's complete input. */
  abstract void emit(List<WindowedValue<?>> partition);

  @Override
  public final List<Callable<Void>> fire(long inputWatermark) {
    List<Callable<Void>> tasks = new ArrayList<>();
    if (inputWatermark < Timestamps.MAX) {
      return tasks;
    }
    for (int i = 0; i < inbox.numPartitions(); i++) {
      int partition = i;
      tasks.add(() -> {
        List<WindowedValue<?>> values = inbox.drain(partition);
        if (!values.isEmpty()) {
          emit(values);
        }
        return null;
      });
    }
    return tasks;
  }

  @Override
  public final long outputWatermark(long inputWatermark) {
    return inputWatermark;
  }

  @Override
  public final boolean hasPending() {
    return !inbox.isEmpty();
  }
}
