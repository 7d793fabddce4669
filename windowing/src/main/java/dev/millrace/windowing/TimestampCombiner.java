package dev.millrace.windowing;

/**
 * Chooses the timestamp of a grouping's output pane from the timestamps of its inputs, and with it
 * the watermark hold the grouping keeps while the pane is pending.
 *
 * <p>For EARLIEST and LATEST each input first gets its {@linkplain #assign assigned} timestamp (its
 * own), and the pane's timestamp is the {@linkplain #combine combination} of these. END_OF_WINDOW
 * gives every pane the window's maximum timestamp.
 */
public enum TimestampCombiner {
  /** The earliest input timestamp; holds the watermark at the earliest pending element. */
  EARLIEST {
    @Override
    public long combine(long a, long b) {
      return Math.min(a, b);
    }
  },
  /** The latest input timestamp. */
  LATEST {
    @Override
    public long combine(long a, long b) {
      return Math.max(a, b);
    }
  },
  /** The window's maximum timestamp, whatever the inputs. */
  END_OF_WINDOW {
    /** The later one: both are ends of windows, and a merged window ends at the later end. */
    @Override
    public long combine(long a, long b) {
      return Math.max(a, b);
    }

    @Override
    public long assign(BoundedWindow window, long timestamp) {
      return window.maxTimestampMillis();
    }

    @Override
    public long merge(BoundedWindow mergeResult, long a, long b) {
      return mergeResult.maxTimestampMillis();
    }
  };

  /** Combines two (assigned) output timestamps of one pane. */
  public abstract long combine(long a, long b);

  /** The output timestamp an input with {@code timestamp} contributes to {@code window}. */
  public long assign(BoundedWindow window, long timestamp) {
    return timestamp;
  }

  /**
   * The output timestamp of a window produced by merging windows whose output timestamps are
   * {@code a} and {@code b}.
   */
  public long merge(BoundedWindow mergeResult, long a, long b) {
    return combine(a, b);
  }

  /** Whether the result is determined by the window alone (END_OF_WINDOW). */
  public boolean dependsOnlyOnWindow() {
    return this == END_OF_WINDOW;
  }
}
