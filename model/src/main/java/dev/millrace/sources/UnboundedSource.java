package dev.millrace.sources;

import dev.millrace.coders.Coder;
import dev.millrace.options.PipelineOptions;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/**
 * An endless (or not-known-to-end) source of timestamped elements, such as a message queue or a
 * Kafka topic, applied with {@code Read.from(source)} to give an unbounded collection. The same
 * source runs on every runner: the direct runner, the micro-batch runner and Flink all drive it
 * through this class and {@link UnboundedReader}.
 *
 * <p>How a runner uses it:
 *
 * <ol>
 *   <li>At startup it calls {@link #split} once and distributes the splits over its workers; the
 *       splits are fixed from then on (a restored job must split the same way so that saved
 *       checkpoint marks still match their splits).
 *   <li>For each split it calls {@link #createReader} — with {@code null} on a fresh start, or
 *       with the checkpoint mark restored from the last committed checkpoint after a failure —
 *       and polls the reader ({@link UnboundedReader#start()}, then {@link
 *       UnboundedReader#advance()} repeatedly), reading its watermark as it goes.
 *   <li>When it checkpoints, it asks each reader for {@link UnboundedReader#getCheckpointMark()},
 *       encodes it with {@link #getCheckpointMarkCoder()} and stores it atomically with the
 *       rest of the checkpoint; once that checkpoint has committed it calls {@link
 *       CheckpointMark#finalizeCheckpoint()}.
 *   <li>It stops reading a split once its reader's watermark is {@code Timestamps.MAX}.
 * </ol>
 *
 * <p><b>Exactly-once contract.</b> A checkpoint mark describes a position: "every element the
 * reader returned before the mark was taken, and none after". The runner commits the mark
 * together with all state and output derived from those elements, so after a failure it restores
 * the mark, creates a reader from it, and the elements after the mark are read again exactly
 * once more — with their earlier effects discarded. For this to give exactly-once results, a
 * reader created from a mark must return exactly the elements that followed the mark (in any
 * order, but none lost and none repeated). Sources that cannot guarantee this, e.g. queues that
 * may redeliver an acknowledged message, return {@code true} from {@link #requiresDeduping()}
 * and give every record an id ({@link UnboundedReader#getCurrentRecordId()}); the runner then
 * drops records whose id it has already seen.
 *
 * <p>A source is serialisable: runners ship splits to workers. Holding configuration only
 * (connections belong in the reader) keeps it so.
 *
 * @param <T> the element type
 * @param <C> the type of checkpoint marks of this source's readers
 */
public abstract class UnboundedSource<T, C extends UnboundedSource.CheckpointMark>
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Splits this source into about {@code desiredNumSplits} sources that together read exactly
   * the elements of this source, each element in exactly one split. Returning fewer splits
   * (even a list holding just {@code this}) is allowed; splitting must be deterministic, so that
   * a restarted job gets the same splits.
   */
  public abstract List<? extends UnboundedSource<T, C>> split(
      int desiredNumSplits, PipelineOptions options) throws Exception;

  /**
   * Opens a reader over this source.
   *
   * @param checkpointMarkOrNull {@code null} to start from the beginning (whatever that means for
   *     the source, e.g. the latest or earliest offset), or a mark previously returned by a
   *     reader of this same split (possibly decoded from its coder in another process) to resume
   *     right after it
   * @throws IllegalArgumentException if the mark does not belong to this split
   */
  public abstract UnboundedReader<T> createReader(PipelineOptions options, C checkpointMarkOrNull)
      throws IOException;

  /** The coder runners use to store this source's checkpoint marks in their checkpoints. */
  public abstract Coder<C> getCheckpointMarkCoder();

  /** The coder of the elements. */
  public abstract Coder<T> getOutputCoder();

  /**
   * Whether the runner must drop records whose {@link UnboundedReader#getCurrentRecordId() id}
   * it has seen before (because the source may deliver a record more than once). False by
   * default.
   */
  public boolean requiresDeduping() {
    return false;
  }

  /**
   * Checks the source's configuration when the pipeline is constructed; throw an exception that
   * says what is wrong and how to fix it (e.g. "no topic given; call withTopic(...)").
   */
  public void validate() {}

  /** A short description for step names and messages. */
  @Override
  public String toString() {
    return getClass().getSimpleName();
  }

  /**
   * A position in an unbounded source that a reader can resume from: what a checkpoint stores
   * for each split. Encoded with the source's {@link #getCheckpointMarkCoder()}.
   */
  public interface CheckpointMark {
    /**
     * Called by the runner once the checkpoint holding this mark has durably committed, i.e.
     * once all elements read before the mark have been fully processed and will never be read
     * again. Sources acknowledge consumption here (a queue acks messages, the Kafka connector
     * commits offsets).
     *
     * <p>The runner calls it at most once per mark, in the order the marks were taken, possibly
     * from another thread than the reader's, on a decoded copy of the mark, and after the reader
     * has been closed. It is not called for checkpoints that fail or are abandoned, and after a
     * failure a runner may finalize a later mark without the earlier ones: finalizing must
     * acknowledge everything up to this mark's position (cumulatively), and the source must not
     * depend on being finalized to be correct — only to release upstream resources.
     *
     * @throws IOException if acknowledging fails; the runner logs it and carries on (the next
     *     finalized mark acknowledges the same elements again)
     */
    void finalizeCheckpoint() throws IOException;
  }
}
