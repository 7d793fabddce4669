package dev.millrace.runners.microbatch;

import dev.millrace.internal.TextFileSinkSpec;
import dev.millrace.runners.core.ExecutableStep;
import dev.millrace.runners.core.files.PendingPart;
import dev.millrace.runners.core.files.TextPartFiles;
import dev.millrace.runners.core.files.TextPartWriter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The micro-batch runner's text sink, run instead of the step of a text write of a collection that
 * never ends (see {@link TextPartFiles#sinkOf}). During batch {@code B} the tasks that reach the
 * step append their lines to up to {@code N} in-progress files in the write's temporary directory
 * ({@code N} is the write's number of shards, or {@code --parallelism} when it lets the runner
 * decide; with a fixed number the lines are spread over the shards, else each task's lines go to
 * one shard). Before the batch's checkpoint is written the files are finished (footer, forced to
 * disk) and the checkpoint lists them; after it is committed they are renamed to
 * {@code PREFIX-part-BBBBBBBB-SSSSS-of-NNNNNSUFFIX}. Without {@code --checkpointDir} they are
 * renamed at the end of each batch. A shard without lines in a batch writes no file.
 *
 * <p>Recovery: a restore renames the files its checkpoint lists again (a file already renamed
 * counts as done), so a crash between the commit and the renames loses nothing; files of a batch
 * after the checkpoint were never renamed, and the batch is replayed. Every attempt records its
 * temporary directory in {@code --checkpointDir} before writing there; the next attempt deletes
 * the directories of earlier attempts (after the restore's renames), so no in-progress files of
 * killed attempts stay behind.
 */
final class BatchFileSink implements Boundary {
  private static final int FLUSH_CHARS = 64 * 1024;
  /**
   * For the recovery tests only: a batch number before whose renames (after its checkpoint is
   * committed) the process halts, as a crash in exactly that window would.
   */
  static final String HALT_BEFORE_RENAMES_PROPERTY = "millrace.microbatch.test.haltBeforeRenames";
  private static final long HALT_BEFORE_RENAMES = Long.getLong(HALT_BEFORE_RENAMES_PROPERTY, -1);
  private final MicroBatchExecutor ex;
  private final TextFileSinkSpec spec;
  private final String stepName;
  private final int shards;
  private final boolean spread;
  private final Path tempDir;
  private final Path attemptsFile;
  private final AtomicInteger nextShard = new AtomicInteger();
  private final TextPartWriter[] writers;
  private final List<PendingPart> prepared = new ArrayList<>();
  private boolean started;

  BatchFileSink(MicroBatchExecutor ex, ExecutableStep step, TextFileSinkSpec spec) {
    this.ex = ex;
    this.spec = spec;
    this.stepName = step.name();
    this.spread = spec.numShards() > 0;
    this.shards = spread ? spec.numShards() : ex.parallelism();
    this.writers = new TextPartWriter[shards];
    this.tempDir = Path.of(spec.tempDirectory());
    String dir = ex.options().getCheckpointDir();
    this.attemptsFile = dir == null || dir.isEmpty() ? null
        : Path.of(dir).resolve("text-sink-" + ex.indexOf(step) + ".tempdirs");
  }

  @Override
  public Receiver inputReceiver(BatchTask task) {
    start();
    StringBuilder[] local = new StringBuilder[shards];
    int first = Math.floorMod(nextShard.getAndIncrement(), shards);
    int[] next = {first};
    task.onFinish(() -> {
      for (int s = 0; s < shards; s++) {
        if (local[s] != null && local[s].length() > 0) {
          append(s, local[s]);
        }
      }
    });
    return v -> {
      int s = next[0];
      if (spread) {
        next[0] = s + 1 == shards ? 0 : s + 1;
      }
      StringBuilder b = local[s];
      if (b == null) {
        b = local[s] = new StringBuilder();
      }
      b.append((String) v.value()).append('\n');
      if (b.length() >= FLUSH_CHARS) {
        append(s, b);
      }
    };
  }

  /** Appends whole lines to shard {@code s}'s file of the current batch and clears them. */
  private void append(int s, StringBuilder lines) {
    try {
      synchronized (writers) {
        if (writers[s] == null) {
          writers[s] = TextPartFiles.open(spec, ex.batchId, s, shards);
        }
        writers[s].writeLines(lines);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Writing the text output of step '" + stepName + "' to "
          + tempDir + " failed: " + e.getMessage(), e);
    }
    lines.setLength(0);
  }

  /** Finishes the current batch's files; they wait in {@link #prepared} for the commit. */
  private void prepare() throws IOException {
    synchronized (writers) {
      for (int s = 0; s < shards; s++) {
        if (writers[s] != null) {
          prepared.add(writers[s].finish(attemptsFile != null));
          writers[s] = null;
        }
      }
    }
  }

  /**
   * Renames the finished files of the batch to their final names; called once the batch's
   * checkpoint (if any) is committed. Then removes the (now empty) temporary directory, so a run
   * that stops between batches (finished or cancelled) leaves none; the next batch creates it
   * again when it has lines.
   */
  void commit(boolean finished) throws IOException {
    start();
    prepare();
    if (ex.batchId == HALT_BEFORE_RENAMES && !prepared.isEmpty()) {
      Runtime.getRuntime().halt(86);
    }
    synchronized (writers) {
      TextPartFiles.commitAll(prepared);
      prepared.clear();
    }
    if (finished) {
      TextPartFiles.deleteRecursively(tempDir);
    } else {
      try {
        Files.deleteIfExists(tempDir);
      } catch (java.nio.file.DirectoryNotEmptyException e) {
        // not ours to judge: left for the end of the run
      }
    }
  }

  /**
   * Before this attempt writes into its temporary directory: deletes the directories of earlier
   * attempts of this checkpointed job (the restore has renamed what they committed) and records
   * this attempt's own.
   */
  private synchronized void start() {
    if (started || attemptsFile == null) {
      started = true;
      return;
    }
    try {
      if (Files.exists(attemptsFile)) {
        for (String line : Files.readAllLines(attemptsFile, StandardCharsets.UTF_8)) {
          Path earlier = Path.of(line.trim());
          if (!line.isBlank() && !earlier.equals(tempDir)) {
            TextPartFiles.deleteRecursively(earlier);
          }
        }
      }
      Path temp = attemptsFile.resolveSibling(attemptsFile.getFileName() + ".tmp");
      Files.writeString(temp, tempDir + "\n", StandardCharsets.UTF_8);
      Files.move(temp, attemptsFile, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot record the temporary directory " + tempDir
          + " of step '" + stepName + "' in --checkpointDir: " + e.getMessage(), e);
    }
    started = true;
  }

  @Override
  public List<Callable<Void>> fire(long inputWatermark, long processingTime) {
    return List.of();
  }

  @Override
  public long outputWatermark(long inputWatermark) {
    return inputWatermark;
  }

  @Override
  public boolean hasPending() {
    return false;
  }

  /** Finishes the batch's files and lists them (they are renamed after the commit). */
  @Override
  public void snapshot(DataOutputStream out) throws IOException {
    prepare();
    synchronized (writers) {
      PendingPart.writeAll(out, prepared);
    }
  }

  /** Renames the files the checkpoint lists, in case the crash came before their commit. */
  @Override
  public void restore(DataInputStream in) throws IOException {
    TextPartFiles.commitAll(PendingPart.readAll(in));
  }
}
