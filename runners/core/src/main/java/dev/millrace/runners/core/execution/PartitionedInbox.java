package dev.millrace.runners.core.execution;

import dev.millrace.windowing.WindowedValue;
import java.util.ArrayList;
import java.util.List;

/**
 * A grouping step's buffered input, split into key partitions that are processed in parallel;
 * shared by the in-process runners. Tasks write through a task-local {@link Writer} that hands
 * over whole chunks.
 */
public final class PartitionedInbox {
  private final List<List<WindowedValue<?>>> partitions = new ArrayList<>();

  public PartitionedInbox(int numPartitions) {
    for (int i = 0; i < numPartitions; i++) {
      partitions.add(new ArrayList<>());
    }
  }

  public int numPartitions() {
    return partitions.size();
  }

  public static int partitionOf(Object structuralKey, int numPartitions) {
    int h = structuralKey == null ? 0 : structuralKey.hashCode();
    h ^= (h >>> 16);
    h *= 0x9E3779B9;
    return Math.floorMod(h ^ (h >>> 15), numPartitions);
  }

  public void addAll(int partition, List<WindowedValue<?>> chunk) {
    List<WindowedValue<?>> p = partitions.get(partition);
    synchronized (p) {
      p.addAll(chunk);
    }
  }

  /** Removes and returns the content of a partition. */
  public List<WindowedValue<?>> drain(int partition) {
    List<WindowedValue<?>> p = partitions.get(partition);
    synchronized (p) {
      List<WindowedValue<?>> out = new ArrayList<>(p);
      p.clear();
      return out;
    }
  }

  public boolean isEmpty() {
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
  public final class Writer {
    private final List<List<WindowedValue<?>>> local = new ArrayList<>();

    public Writer() {
      for (int i = 0; i < partitions.size(); i++) {
        local.add(new ArrayList<>());
      }
    }

    public void add(int partition, WindowedValue<?> value) {
      List<WindowedValue<?>> l = local.get(partition);
      l.add(value);
      if (l.size() >= 4096) {
        addAll(partition, l);
        l.clear();
      }
    }

    public void flush() {
      for (int i = 0; i < local.size(); i++) {
        if (!local.get(i).isEmpty()) {
          addAll(i, local.get(i));
          local.get(i).clear();
        }
      }
    }
  }
}
