package dev.millrace.runners.microbatch;

import dev.millrace.runners.core.ExecutableStep;
import dev.millrace.runners.core.ExecutableStep.ReadStep;
import dev.millrace.values.PCollection;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;


/**
 * Writes and reads the whole progress of a run at a batch boundary: the batch number, whether
 * the job finished, the virtual clock, source positions, every collection's watermark, every
 * boundary's state (grouping state and timers, waiting side-input elements) and the side-input
 * contents. A fingerprint of the plan (step names, splits, partitions) guards against restoring
 * into a different pipeline or different flags.
 */
final class ExecutorCheckpoint {
  private static final int MAGIC = 0x4D42434B; // "MBCK"
  private static final int VERSION = 1;
  private final MicroBatchExecutor ex;

  ExecutorCheckpoint(MicroBatchExecutor ex) {
    this.ex = ex;
  }

  private String fingerprint() {
    StringBuilder b = new StringBuilder("partitions=").append(ex.partitions);
    for (ExecutableStep s : ex.graph().steps()) {
      b.append('|').append(s.getClass().getSimpleName()).append(':').append(s.name());
      if (s instanceof ReadStep r) {
        b.append("[splits=").append(ex.sources.reads.get(r).size()).append(']');
      }
      if (s instanceof ExecutableStep.UnboundedReadStep u) {
        b.append("[splits=").append(ex.sources.unbounded.splitCount(u)).append(']');
      }
      Boundary boundary = ex.boundary(s);
      if (boundary != null) {
        b.append('[').append(boundary.getClass().getSimpleName()).append(']');
      }
    }
    return b.toString();
  }

  byte[] snapshot(boolean finished) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    Snapshots.writeBytes(out, fingerprint().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    out.writeLong(ex.batchId);
    out.writeBoolean(finished);
    BatchSources src = ex.sources;
    out.writeLong(src.virtualClock);
    for (List<SplitCursor> cursors : src.reads.values()) {
      for (SplitCursor c : cursors) {
        out.writeLong(c.position());
        out.writeBoolean(c.isDone());
      }
    }
    src.unbounded.snapshot(out);
    for (int next : src.nextEvent) {
      out.writeInt(next);
    }
    out.writeInt(src.nextStream);
    out.writeBoolean(src.streamsClosed);
    for (ExecutableStep s : ex.graph().steps()) {
      for (PCollection<?> pc : s.outputs().values()) {
        out.writeLong(ex.watermarks.getOrDefault(pc, dev.millrace.windowing.Timestamps.MIN));
      }
      Boundary b = ex.boundary(s);
      if (b != null) {
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        DataOutputStream partOut = new DataOutputStream(part);
        b.snapshot(partOut);
        partOut.flush();
        Snapshots.writeBytes(out, part.toByteArray());
      }
    }
    ex.views().snapshot(out);
    out.flush();
    return bytes.toByteArray();
  }

  /** Restores the executor from a checkpoint; returns whether the job had finished. */
  boolean restore(byte[] content) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(content));
    if (in.readInt() != MAGIC || in.readInt() != VERSION) {
      throw new IOException("not a micro-batch checkpoint of this version");
    }
    String stored = new String(Snapshots.readBytes(in), java.nio.charset.StandardCharsets.UTF_8);
    String current = fingerprint();
    if (!stored.equals(current)) {
      throw new IllegalStateException("The checkpoint in --checkpointDir="
          + ex.options().getCheckpointDir() + " was written by a different pipeline or with "
          + "different flags (checkpointed plan: " + stored + "; this run: " + current + "). "
          + "Restart with the same pipeline and flags (--parallelism included), or delete the "
          + "directory to start from scratch.");
    }
    ex.batchId = in.readLong();
    boolean finished = in.readBoolean();
    BatchSources src = ex.sources;
    src.virtualClock = in.readLong();
    for (List<SplitCursor> cursors : src.reads.values()) {
      for (SplitCursor c : cursors) {
        c.restore(in.readLong(), in.readBoolean());
      }
    }
    src.unbounded.restore(in);
    for (int i = 0; i < src.nextEvent.length; i++) {
      src.nextEvent[i] = in.readInt();
    }
    src.nextStream = in.readInt();
    src.streamsClosed = in.readBoolean();
    for (ExecutableStep s : ex.graph().steps()) {
      for (PCollection<?> pc : s.outputs().values()) {
        ex.watermarks.put(pc, in.readLong());
      }
      Boundary b = ex.boundary(s);
      if (b != null) {
        b.restore(new DataInputStream(new ByteArrayInputStream(Snapshots.readBytes(in))));
      }
    }
    ex.views().restore(in);
    return finished;
  }

}
