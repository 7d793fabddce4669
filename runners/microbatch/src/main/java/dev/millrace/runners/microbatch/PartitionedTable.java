package dev.millrace.runners.microbatch;

import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.TimestampCombiner;
import dev.millrace.windowing.WindowFn;
import java.util.function.Consumer;

/**
 * A pre-combining table of a {@link LiftedCombine} split into key partitions as it is filled:
 * partition {@code p} of every task's table holds the same keys, so at the end the partitions
 * are merged and emitted in parallel, each by one thread, with no shuffle of the accumulators in
 * between. The partition of a key is taken from the high bits of its {@link SlotMap#hash} (the
 * slot maps index by the low bits). Not thread-safe; distinct partitions may be used by distinct
 * threads.
 */
final class PartitionedTable {
  private final AccumulatorTable[] parts;

  PartitionedTable(int numPartitions, TimestampCombiner combiner, WindowFn<?> windowFn) {
    parts = new AccumulatorTable[numPartitions];
    for (int i = 0; i < numPartitions; i++) {
      parts[i] = new AccumulatorTable(combiner, windowFn);
    }
  }

  /** The partition, in {@code [0, n)}, of a key with the given {@link SlotMap#hash}. */
  static int partitionOf(int hash, int n) {
    return ((hash >>> 16) * n) >>> 16;
  }

  int numPartitions() {
    return parts.length;
  }

  AccumulatorTable partition(int p) {
    return parts[p];
  }

  /** See {@link AccumulatorTable#outputTime}. */
  long outputTime(BoundedWindow window, long timestamp) {
    return parts[0].outputTime(window, timestamp);
  }

  /** See {@link AccumulatorTable#slot(Object, Object, BoundedWindow, long)}. */
  AccumulatorTable.Slot slot(Object structuralKey, Object key, BoundedWindow window, long time) {
    int hash = SlotMap.hash(structuralKey);
    return parts[partitionOf(hash, parts.length)].slot(structuralKey, hash, key, window, time);
  }

  /** See {@link AccumulatorTable#absorb(AccumulatorTable.Slot)}. */
  AccumulatorTable.Slot absorb(AccumulatorTable.Slot other) {
    int hash = SlotMap.hash(other.structuralKey);
    return parts[partitionOf(hash, parts.length)].absorb(other, hash);
  }

  /** The smallest {@link AccumulatorTable#minTimestamp} of the partitions. */
  long minTimestamp() {
    long min = Long.MAX_VALUE;
    for (AccumulatorTable t : parts) {
      min = Math.min(min, t.minTimestamp());
    }
    return min;
  }

  int size() {
    int n = 0;
    for (AccumulatorTable t : parts) {
      n += t.size();
    }
    return n;
  }

  boolean isEmpty() {
    return size() == 0;
  }

  void forEach(Consumer<AccumulatorTable.Slot> visitor) {
    for (AccumulatorTable t : parts) {
      t.forEach(visitor);
    }
  }
}
