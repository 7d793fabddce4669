package dev.millrace.runners.microbatch;

import dev.millrace.windowing.WindowedValue;
import java.util.ArrayList;
import java.util.List;

/**
 * A grouping's input of the current batch, split into key partitions that are processed in
 * parallel at the batch boundary. Tasks write through a task-local {@link Writer} that hands
 * over whole chunks. (Duplicates the direct runner's inbox; runners share code only through
 * runners/core.)
 */
final class PartitionedInbox {
  private final List<List<WindowedValue<?>>> partitions = new ArrayList<>();

  PartitionedInbox(int numPartitions) {
    for (int i = 0; i < numPartitions; i++) {
      partitions.add(new ArrayList<>());
    }
  }

  int numPartitions() {
    return partitions.size();
  }

  static int partitionOf(Object structuralKey, int numPartitions) {
    int h = structuralKey == null ? 0 : structuralKey.hashCode();
    h ^= (h >>> 16);
    h *= 0x9E3779B9;
    return Math.floorMod(h ^ (h >>> 15), numPartitions);
  }

  void addAll(int partition, List<WindowedValue<?>> chunk) {
    List<WindowedValue<?>> p = partitions.get(partition);
    synchronized (p) {
      p.addAll(chunk);
    }
  }

  /** Removes and returns the content of a partition. */
  List<WindowedValue<?>> drain(int partition) {
    List<WindowedValue<?>> p = partitions.get(partition);
    synchronized (p) {
      List<WindowedValue<?>> out = new ArrayList<>(p);
      p.clear();
      return out;
    }
  }

  boolean isEmpty() {
    for (List<WindowedValue<?>> p : partitions) {
      synchronized (p) {
        if (!p.isEmpty()) {
          return false;
        }
      }
    }
    return true;
  }

  /** A task-local writer: buffers per partition and hands chunks over. */
  final class Writer {
    private final List<List<WindowedValue<?>>> local = new ArrayList<>();

    Writer() {
      for (int i = 0; i < partitions.size(); i++) {
        local.add(new ArrayList<>());
      }
    }

    void add(int partition, WindowedValue<?> value) {
      List<WindowedValue<?>> l = local.get(partition);
      l.add(value);
      if (l.size() >= 4096) {
        addAll(partition, l);
        l.clear();
      }
    }

    void flush() {
      for (int i = 0; i < local.size(); i++) {
        if (!local.get(i).isEmpty()) {
          addAll(i, local.get(i));
          local.get(i).clear();
        }
      }
    }
  }
}
