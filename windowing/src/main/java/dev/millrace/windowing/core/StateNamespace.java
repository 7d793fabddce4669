package dev.millrace.windowing.core;

import com.google.common.base.Preconditions;
import dev.millrace.windowing.BoundedWindow;
import dev.millrace.windowing.StateCodec;
import dev.millrace.windowing.StateCodecs;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The part of one key's state a cell or timer belongs to: either one window (state kept per
 * window, such as a grouping's buffered values and trigger state) or the key's global namespace
 * (state that spans windows, such as the set of active merging windows).
 *
 * <p>Namespaces are values: two namespaces of equal windows are equal. A serializing backend can
 * store a namespace as {@link #encode()} and restore it with {@link #decode}.
 */
public final class StateNamespace implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final StateNamespace GLOBAL = new StateNamespace(null, null);

  private final BoundedWindow window;
  private final StateCodec<? extends BoundedWindow> windowCodec;

  private StateNamespace(BoundedWindow window, StateCodec<? extends BoundedWindow> windowCodec) {
    this.window = window;
    this.windowCodec = windowCodec;
  }

  /** The key's global namespace. */
  public static StateNamespace global() {
    return GLOBAL;
  }

  /** The namespace of {@code window}, which {@code codec} (the WindowFn's codec) can encode. */
  public static <W extends BoundedWindow> StateNamespace window(W window, StateCodec<W> codec) {
    Preconditions.checkNotNull(window, "a window namespace needs a window, got null");
    Preconditions.checkNotNull(codec, "the namespace of %s needs the window codec", window);
    return new StateNamespace(window, codec);
  }

  /** Whether this is the global namespace. */
  public boolean isGlobal() {
    return window == null;
  }

  /**
   * The window of a window namespace.
   *
   * @throws IllegalStateException for the global namespace
   */
  public BoundedWindow window() {
    Preconditions.checkState(window != null, "the global state namespace has no window");
    return window;
  }

  /** A compact, deterministic encoding: one tag byte, then the encoded window if any. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public byte[] encode() {
    if (isGlobal()) {
      return new byte[] {0};
    }
    byte[] window = StateCodecs.toBytes((StateCodec) windowCodec, this.window);
    byte[] bytes = new byte[window.length + 1];
    bytes[0] = 1;
    System.arraycopy(window, 0, bytes, 1, window.length);
    return bytes;
  }

  /** Restores a namespace written by {@link #encode()}, decoding windows with {@code codec}. */
  public static <W extends BoundedWindow> StateNamespace decode(byte[] bytes, StateCodec<W> codec) {
    int tag = bytes.length == 0 ? -1 : bytes[0];
    if (tag == 0) {
      return GLOBAL;
    }
    if (tag != 1) {
      throw new UncheckedIOException("could not decode a state namespace from "
          + Arrays.toString(bytes), new IOException("unknown namespace tag " + tag));
    }
    try {
      return window(StateCodecs.fromBytes(codec, bytes, 1, bytes.length - 1), codec);
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException(
          "could not decode a state namespace from " + Arrays.toString(bytes), e.getCause());
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StateNamespace n
        && (window == null ? n.window == null : window.equals(n.window));
  }

  @Override
  public int hashCode() {
    return window == null ? 0 : window.hashCode();
  }

  @Override
  public String toString() {
    return isGlobal() ? "global" : window.toString();
  }

}
