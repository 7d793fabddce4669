package dev.millrace.runners.microbatch;

import dev.millrace.coders.Coder;
import dev.millrace.coders.CoderUtils;
import dev.millrace.options.PipelineOptions;
import dev.millrace.runners.core.UserCodeException;
import dev.millrace.sources.UnboundedReader;
import dev.millrace.sources.UnboundedSource;
import dev.millrace.sources.UnboundedSource.CheckpointMark;
import dev.millrace.windowing.Timestamps;
import dev.millrace.windowing.WindowedValue;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reading position of one split of an unbounded source: its reader, the reader's watermark,
 * and the checkpoint mark taken at the end of the last batch. A batch reads what the reader has
 * available ({@link #read}); at the end of the reading phase the runner takes a mark
 * ({@link #takeMark}), which goes into the batch's checkpoint and is finalized once that
 * checkpoint has committed ({@link #finalizeMark}). A restore re-creates the reader from the
 * committed mark, so elements after it are read exactly once more.
 *
 * <p>The reader is advanced only when an element can be emitted at once, so at a batch's end no
 * element is held between "made available" and "emitted": the mark covers exactly the elements
 * the batch emitted. Used by one thread at a time (a batch's reading task, or the batch loop
 * between batches).
 */
final class UnboundedCursor {
  private static final Logger LOG = LoggerFactory.getLogger(UnboundedCursor.class);

  private final String stepName;
  private final UnboundedSource<?, CheckpointMark> split;
  private final Coder<CheckpointMark> markCoder;
  private UnboundedReader<?> reader;
  private boolean started;
  /** The mark a new reader resumes from ({@code null}: from the beginning). */
  private CheckpointMark resumeFrom;
  /** The encoded mark of the end of the last batch's reading, or {@code null}. */
  private byte[] markBytes;
  private boolean markPending;
  private long watermark = Timestamps.MIN;
  /** Ids of records already emitted, when the source requires deduping. */
  private final Set<ByteBuffer> seenIds;

  @SuppressWarnings("unchecked")
  UnboundedCursor(String stepName, UnboundedSource<?, ?> split) {
    this.stepName = stepName;
    this.split = (UnboundedSource<?, CheckpointMark>) split;
    this.markCoder = this.split.getCheckpointMarkCoder();
    this.seenIds = split.requiresDeduping() ? new HashSet<>() : null;
  }

  /** Whether the reader reported the end of time: nothing more will be read. */
  boolean isDone() {
    return watermark >= Timestamps.MAX;
  }

  /** The highest watermark the reader reported so far. */
  long watermark() {
    return watermark;
  }

  /**
   * Reads the elements the reader has available now, at most {@code max}, stopping early at
   * {@code deadlineNanos}; afterwards updates the watermark.
   *
   * @return the number of elements emitted
   */
  long read(Receiver out, long max, long deadlineNanos, PipelineOptions options) {
    if (isDone()) {
      return 0;
    }
    long count = 0;
    try {
      if (reader == null) {
        reader = split.createReader(options, resumeFrom);
      }
      while (count < max) {
        boolean available = started ? reader.advance() : reader.start();
        started = true;
        if (!available) {
          break;
        }
        if (seenIds != null && !seenIds.add(ByteBuffer.wrap(reader.getCurrentRecordId()))) {
          continue;
        }
        out.accept(WindowedValue.timestampedValueInGlobalWindow(
            reader.getCurrent(), reader.getCurrentTimestampMillis()));
        count++;
        if ((count & 255) == 0 && System.nanoTime() > deadlineNanos) {
          break;
        }
      }
      refreshWatermark();
    } catch (UserCodeException e) {
      throw e;
    } catch (Exception e) {
      throw UserCodeException.forStep(stepName, "reading " + split, e);
    }
    return count;
  }

  /** Asks a started reader for its watermark (watermarks never move back). */
  void refreshWatermark() {
    if (reader != null && started) {
      watermark = Math.max(watermark, reader.getWatermarkMillis());
    }
  }

  /**
   * Takes the reader's checkpoint mark at the end of a batch's reading, to be committed with the
   * batch and finalized afterwards; closes the reader once it is finished.
   */
  void takeMark() {
    if (reader == null || !started) {
      return;
    }
    try {
      CheckpointMark mark = reader.getCheckpointMark();
      if (mark != null) {
        markBytes = CoderUtils.encodeToByteArray(markCoder, mark);
        markPending = true;
      }
    } catch (Exception e) {
      throw UserCodeException.forStep(stepName, "taking the checkpoint mark of " + split, e);
    }
    if (isDone()) {
      closeQuietly();
    }
  }

  /**
   * Finalizes the mark taken by the last {@link #takeMark} (once), on a decoded copy, after the
   * batch that holds it has been committed. Failures are logged: the next mark acknowledges the
   * same elements again.
   */
  void finalizeMark() {
    if (!markPending) {
      return;
    }
    markPending = false;
    try {
      CoderUtils.decodeFromByteArray(markCoder, markBytes).finalizeCheckpoint();
    } catch (Exception e) {
      LOG.warn("Finalizing the checkpoint mark of step '{}' ({}) failed; the next batch's mark "
          + "acknowledges the same elements again", stepName, split, e);
    }
  }

  /** Writes the committed position: the watermark, the mark and the ids seen (for deduping). */
  void snapshot(DataOutputStream out) throws IOException {
    out.writeLong(watermark);
    out.writeBoolean(markBytes != null);
    if (markBytes != null) {
      Snapshots.writeBytes(out, markBytes);
    }
    out.writeInt(seenIds == null ? -1 : seenIds.size());
    if (seenIds != null) {
      for (ByteBuffer id : seenIds) {
        Snapshots.writeBytes(out, id.array());
      }
    }
  }

  /** Replaces the position with one written by {@link #snapshot}; the reader re-opens lazily. */
  void restore(DataInputStream in) throws IOException {
    closeQuietly();
    watermark = in.readLong();
    markBytes = in.readBoolean() ? Snapshots.readBytes(in) : null;
    markPending = false;
    try {
      resumeFrom = markBytes == null ? null : CoderUtils.decodeFromByteArray(markCoder, markBytes);
    } catch (Exception e) {
      throw new IOException("cannot decode the checkpoint mark of step '" + stepName + "' ("
          + split + ") with " + markCoder + ": " + e.getMessage(), e);
    }
    int ids = in.readInt();
    if (seenIds != null) {
      seenIds.clear();
    }
    for (int i = 0; i < ids; i++) {
      byte[] id = Snapshots.readBytes(in);
      if (seenIds != null) {
        seenIds.add(ByteBuffer.wrap(id));
      }
    }
  }

  void closeQuietly() {
    if (reader != null) {
      try {
        reader.close();
      } catch (Exception e) {
        LOG.debug("closing the reader of step '{}' failed", stepName, e);
      }
      reader = null;
      started = false;
    }
  }

  @Override
  public String toString() {
    return stepName + ":" + split;
  }
}
