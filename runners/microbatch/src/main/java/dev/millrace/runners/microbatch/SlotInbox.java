package dev.millrace.runners.microbatch;

import dev.millrace.runners.core.execution.PartitionedInbox;
import java.util.ArrayList;
import java.util.List;

/**
 * The partial accumulators a {@link LiftedCombine} received in the current batch, split into key
 * partitions by the same hash as {@link PartitionedInbox}. Tasks write through a task-local
 * {@link Writer} that hands over whole lists; the batch boundary drains each partition.
 */
final class SlotInbox {
  private final List<List<AccumulatorTable.Slot>> partitions = new ArrayList<>();

  SlotInbox(int numPartitions) {
    for (int i = 0; i < numPartitions; i++) {
      partitions.add(new ArrayList<>());
    }
  }

  boolean hasPending(int partition) {
    List<AccumulatorTable.Slot> p = partitions.get(partition);
    synchronized (p) {
      return !p.isEmpty();
    }
  }

  boolean isEmpty() {
    for (int i = 0; i < partitions.size(); i++) {
      if (hasPending(i)) {
        return false;
      }
    }
    return true;
  }

  /** Removes and returns the content of a partition. */
  List<AccumulatorTable.Slot> drain(int partition) {
    List<AccumulatorTable.Slot> p = partitions.get(partition);
    synchronized (p) {
      List<AccumulatorTable.Slot> out = new ArrayList<>(p);
      p.clear();
      return out;
    }
  }

  /** A task-local writer: collects per partition and hands the lists over on flush. */
  final class Writer {
    private final List<List<AccumulatorTable.Slot>> local = new ArrayList<>();

    Writer() {
      for (int i = 0; i < partitions.size(); i++) {
        local.add(new ArrayList<>());
      }
    }

    void add(AccumulatorTable.Slot slot) {
      local.get(PartitionedInbox.partitionOf(slot.structuralKey, local.size())).add(slot);
    }

    void flush() {
      for (int i = 0; i < local.size(); i++) {
        List<AccumulatorTable.Slot> l = local.get(i);
        if (!l.isEmpty()) {
          List<AccumulatorTable.Slot> p = partitions.get(i);
          synchronized (p) {
            p.addAll(l);
          }
          l.clear();
        }
      }
    }
  }
}
