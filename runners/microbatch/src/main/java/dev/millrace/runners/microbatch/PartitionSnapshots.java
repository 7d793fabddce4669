package dev.millrace.runners.microbatch;

import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderUtils;
import dev.millrace.runners.core.execution.PartitionedInbox;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.core.StateNamespace;
import dev.millrace.windowing.core.TimeDomain;
import dev.millrace.windowing.core.TimerData;
import dev.millrace.windowing.core.inmemory.InMemoryClock;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads the key partitions of a keyed boundary (clocks, per-key state and pending
 * timers) for a checkpoint. Keys are written with the step's key coder and re-partitioned by
 * hash on restore, so a restore does not depend on the structural keys' hash codes being the
 * same in the new process. Every partition restarts from the smallest checkpointed output
 * watermark, so the boundary's output watermark is unchanged by a restore. Used by both keyed
 * boundaries, {@link KeyedGrouping} and {@link StatefulStage}.
 */
final class PartitionSnapshots {
  private PartitionSnapshots() {}

  private record Located(GroupingPartition partition, Object structuralKey) {}

  static void snapshot(DataOutputStream out, List<GroupingPartition> partitions,
      Coder<Object> keyCoder) throws IOException {
    out.writeInt(partitions.size());
    for (GroupingPartition p : partitions) {
      out.writeBoolean(p.clock != null);
      if (p.clock != null) {
        out.writeLong(p.clock.inputWatermark());
        out.writeLong(p.clock.outputWatermark());
        out.writeLong(p.clock.processingTime());
      }
    }
    for (GroupingPartition p : partitions) {
      out.writeInt(p.states.size());
      for (Map.Entry<Object, KeyState> e : p.states.entrySet()) {
        Snapshots.writeBytes(out, CoderUtils.encodeToByteArray(keyCoder, p.keys.get(e.getKey())));
        e.getValue().snapshot(out);
      }
      List<TimerTable.Entry> timers = p.timers.all();
      out.writeInt(timers.size());
      for (TimerTable.Entry t : timers) {
        Snapshots.writeBytes(out, CoderUtils.encodeToByteArray(keyCoder, p.keys.get(t.key())));
        TimerData d = t.timer();
        Snapshots.writeBytes(out, d.namespace().encode());
        out.writeUTF(d.timerId());
        out.writeByte(d.domain().ordinal());
        out.writeLong(d.timestamp());
        out.writeLong(d.outputTimestamp());
      }
    }
  }

  static void restore(DataInputStream in, List<GroupingPartition> partitions,
      Coder<Object> keyCoder, StateCodec<BoundedWindow> windowCodec, String stepName)
      throws IOException {
    int n = in.readInt();
    if (n != partitions.size()) {
      throw new IOException("step '" + stepName + "' was checkpointed with " + n
          + " key partitions, this run has " + partitions.size());
    }
    restoreClocks(in, partitions);
    for (int i = 0; i < n; i++) {
      int keys = in.readInt();
      for (int k = 0; k < keys; k++) {
        Located at = locate(Snapshots.readBytes(in), partitions, keyCoder);
        at.partition().state(at.structuralKey()).restore(in, windowCodec);
      }
      int timers = in.readInt();
      for (int t = 0; t < timers; t++) {
        Located at = locate(Snapshots.readBytes(in), partitions, keyCoder);
        StateNamespace ns = StateNamespace.decode(Snapshots.readBytes(in), windowCodec);
        String id = in.readUTF();
        TimeDomain domain = TimeDomain.values()[in.readByte()];
        long timestamp = in.readLong();
        long outputTimestamp = in.readLong();
        at.partition().timers.set(at.structuralKey(),
            new TimerData(ns, id, domain, timestamp, outputTimestamp));
      }
    }
  }

  private static void restoreClocks(DataInputStream in, List<GroupingPartition> partitions)
      throws IOException {
    int n = partitions.size();
    long[][] clocks = new long[n][];
    long minOutput = Timestamps.MAX;
    for (int i = 0; i < n; i++) {
      partitions.get(i).clear();
      if (in.readBoolean()) {
        clocks[i] = new long[] {in.readLong(), in.readLong(), in.readLong()};
        minOutput = Math.min(minOutput, clocks[i][1]);
      }
    }
    for (int i = 0; i < n; i++) {
      if (clocks[i] != null) {
        GroupingPartition p = partitions.get(i);
        p.clock = new InMemoryClock(clocks[i][2]);
        p.clock.advanceInputWatermark(clocks[i][0]);
        p.clock.refreshOutputWatermark(minOutput, minOutput);
      }
    }
  }

  private static Located locate(byte[] encodedKey, List<GroupingPartition> partitions,
      Coder<Object> keyCoder) throws IOException {
    Object key = CoderUtils.decodeFromByteArray(keyCoder, encodedKey);
    Object sk = keyCoder.structuralValue(key);
    GroupingPartition p = partitions.get(PartitionedInbox.partitionOf(sk, partitions.size()));
    p.keys.putIfAbsent(sk, key);
    return new Located(p, sk);
  }
}
