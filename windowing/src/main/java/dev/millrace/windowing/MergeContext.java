package dev.millrace.windowing;

import java.util.Collection;

/**
 * What a merging {@link WindowFn} sees when the windows of one key are merged: the key's current
 * windows, and a callback to declare that some of them merge into one result window. The runner
 * merges their state, watermark holds and trigger state accordingly.
 *
 * @param <W> the window type
 */
public interface MergeContext<W extends BoundedWindow> {
  /** The windows currently active for the key, including newly assigned ones. */
  Collection<W> windows();

  /**
   * Declares that every window in {@code toBeMerged} (at least two, all from {@link #windows()})
   * becomes {@code mergeResult}. Each window may be merged at most once per call of
   * {@link WindowFn#mergeWindows}.
   */
  void merge(Collection<W> toBeMerged, W mergeResult);
}
