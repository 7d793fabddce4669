package dev.millrace.runners.direct;

import dev.millrace.internal.TextFileSinkSpec;
import dev.millrace.runners.core.ExecutableStep;
import dev.millrace.runners.core.files.PendingPart;
import dev.millrace.runners.core.files.TextPartFiles;
import dev.millrace.runners.core.files.TextPartWriter;
import dev.millrace.windowing.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The direct runner's text sink, run instead of the step of a text write of a collection that
 * never ends (see {@link TextPartFiles#sinkOf}). Bundles append their lines to in-progress files
 * in the write's temporary directory (one file, or the write's fixed number of shards with the
 * lines spread over them); at the end of the first reading round at least
 * {@link #COMMIT_INTERVAL_MILLIS} after the files were started, at the end of the input and when
 * the run stops (finished, cancelled or failed: lines of completed bundles are kept), the files
 * get the write's footer and are renamed to {@code PREFIX-part-PPPPPPPP-SSSSS-of-NNNNNSUFFIX},
 * parts numbered from 0 in each run.
 *
 * <p>There is no recovery on this runner: a process killed between two commits leaves its
 * in-progress files in the temporary directory and their lines are not in the output; a second
 * run to the same prefix starts again at part 0 and replaces the files of that name.
 */
final class DirectFileSink implements Boundary {
  /** How long a part collects lines before it is committed (wall-clock milliseconds). */
  static final long COMMIT_INTERVAL_MILLIS = 1000;
  private final TextFileSinkSpec spec;
  private final String stepName;
  private final int shards;
  private final TextPartWriter[] writers;
  private long nextPart;
  private long openedAtNanos;
  private boolean open;

  DirectFileSink(ExecutableStep step, TextFileSinkSpec spec) {
    this.spec = spec;
    this.stepName = step.name();
    this.shards = Math.max(1, spec.numShards());
    this.writers = new TextPartWriter[shards];
  }

  @Override
  public Receiver inputReceiver(FusedTask task) {
    StringBuilder[] local = new StringBuilder[shards];
    int[] next = {0};
    task.onFinish(() -> append(local));
    return v -> {
      int s = next[0];
      next[0] = s + 1 == shards ? 0 : s + 1;
      if (local[s] == null) {
        local[s] = new StringBuilder();
      }
      local[s].append((String) v.value()).append('\n');
    };
  }

  /** Appends a finished bundle's lines to the current part's files. */
  private synchronized void append(StringBuilder[] lines) {
    try {
      for (int s = 0; s < shards; s++) {
        if (lines[s] == null || lines[s].length() == 0) {
          continue;
        }
        if (!open) {
          open = true;
          openedAtNanos = System.nanoTime();
        }
        if (writers[s] == null) {
          writers[s] = TextPartFiles.open(spec, nextPart, s, shards);
        }
        writers[s].writeLines(lines[s]);
        lines[s].setLength(0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Writing the text output of step '" + stepName + "' to "
          + spec.tempDirectory() + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public List<Callable<Void>> fire(long inputWatermark) {
    boolean due = open && (inputWatermark >= Timestamps.MAX
        || System.nanoTime() - openedAtNanos >= COMMIT_INTERVAL_MILLIS * 1_000_000);
    if (due) {
      commit();
    }
    if (inputWatermark >= Timestamps.MAX) {
      deleteTempDir();
    }
    return List.of();
  }

  /** Finishes and renames the current part's files, if any. */
  synchronized void commit() {
    if (!open) {
      return;
    }
    try {
      List<PendingPart> parts = new ArrayList<>();
      for (int s = 0; s < shards; s++) {
        if (writers[s] != null) {
          parts.add(writers[s].finish(false));
          writers[s] = null;
        }
      }
      TextPartFiles.commitAll(parts);
    } catch (IOException e) {
      throw new UncheckedIOException("Committing the text output of step '" + stepName
          + "' failed: " + e.getMessage(), e);
    }
    open = false;
    nextPart++;
  }

  /** Commits what completed bundles wrote and removes the temporary directory (run stopped). */
  void close() {
    commit();
    deleteTempDir();
  }

  private void deleteTempDir() {
    try {
      TextPartFiles.deleteRecursively(java.nio.file.Path.of(spec.tempDirectory()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove the temporary directory "
          + spec.tempDirectory() + " of step '" + stepName + "': " + e.getMessage(), e);
    }
  }

  @Override
  public long outputWatermark(long inputWatermark) {
    return inputWatermark;
  }

  @Override
  public boolean hasPending() {
    return false;
  }
}
