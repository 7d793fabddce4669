package dev.millrace.windowing.core;

/**
 * One cell of state, addressed by a {@link StateNamespace} and a {@link StateTag} inside the state
 * of one key. Views returned by {@link StateInternals#state} read and write through to the
 * backend, so they may be obtained again at any time and always see the current contents.
 */
public interface State {
  /** Removes the contents; the cell then reads as never written. */
  void clear();
}
