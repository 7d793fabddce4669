package dev.millrace.runners.microbatch;

import dev.millrace.options.PipelineOptions;
import dev.millrace.runners.core.UserCodeException;
import dev.millrace.sources.BoundedReader;
import dev.millrace.sources.BoundedSource;
import dev.millrace.windowing.WindowedValue;
import java.io.IOException;

/**
 * The read position of one split of a bounded source: how many elements were consumed, and
 * whether the split is exhausted. A batch reads a share of the split; a restore re-opens the
 * split and skips the consumed elements (bounded sources read the same elements in the same
 * order every time).
 */
final class SplitCursor {
  private final String stepName;
  private final BoundedSource<?> split;
  private BoundedReader<?> reader;
  private long position;
  private boolean done;
  private boolean started;

  SplitCursor(String stepName, BoundedSource<?> split) {
    this.stepName = stepName;
    this.split = split;
  }

  boolean isDone() {
    return done;
  }

  long position() {
    return position;
  }

  /** Resets to a checkpointed position (the reader is re-opened lazily). */
  void restore(long newPosition, boolean newDone) {
    closeQuietly();
    this.position = newPosition;
    this.done = newDone;
  }

  /**
   * Reads at most {@code max} elements into {@code out}, stopping early at {@code deadlineNanos}.
   *
   * @return the number of elements read
   */
  long read(Receiver out, long max, long deadlineNanos, PipelineOptions options) {
    if (done) {
      return 0;
    }
    long count = 0;
    try {
      if (reader == null) {
        open(options);
        if (done) {
          return 0;
        }
      }
      while (count < max) {
        if (started) {
          if (!reader.advance()) {
            finish();
            break;
          }
        }
        started = true;
        out.accept(WindowedValue.timestampedValueInGlobalWindow(
            reader.getCurrent(), reader.getCurrentTimestampMillis()));
        position++;
        count++;
        if ((count & 255) == 0 && System.nanoTime() > deadlineNanos) {
          break;
        }
      }
    } catch (UserCodeException e) {
      throw e;
    } catch (Exception e) {
      throw UserCodeException.forStep(stepName, "reading " + split, e);
    }
    return count;
  }

  /**
   * Opens the reader and moves it onto the last consumed element, so that the next read
   * advances to the first unconsumed one.
   */
  private void open(PipelineOptions options) throws IOException {
    reader = split.createReader(options);
    started = false;
    if (position == 0) {
      if (!reader.start()) {
        finish();
      }
      // Not yet consumed: the first read emits the current element without advancing.
      return;
    }
    boolean more = reader.start();
    for (long i = 1; more && i < position; i++) {
      more = reader.advance();
    }
    if (!more) {
      throw new IOException("the split " + split + " has fewer than the " + position
          + " elements a checkpoint says were read; a source must read the same elements "
          + "after a restart");
    }
    started = true;
  }

  private void finish() {
    done = true;
    closeQuietly();
  }

  void closeQuietly() {
    if (reader != null) {
      try {
        reader.close();
      } catch (Exception e) {
        // nothing to do: the split's elements were all read
      }
      reader = null;
    }
  }
}
