package dev.millrace.transforms.state;

/**
 * A value of state that can be read. Reads are evaluated when {@link #read()} is called, so a
 * {@code ReadableState} obtained earlier shows the contents at the time of reading.
 *
 * @param <T> the type read
 */
public interface ReadableState<T> {
  /** The current contents. */
  T read();

  /**
   * A hint that {@link #read()} will be called soon, so a runner with remote storage may fetch
   * the contents in the background (batched with other hints). Returns this state.
   */
  default ReadableState<T> readLater() {
    return this;
  }
}
